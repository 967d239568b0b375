import { z } from '@hono/zod-openapi';
import { exportFormats, type ExportFile } from '@mimamori/casework';
import type { Context } from 'hono';
import { defineRoute } from '../access';
import { actorOf } from '../audit';
import { createRouter, type AppContext } from '../context';
import type { ApiEnv } from '../env';
import { ApiError } from '../problem';
import { idSchema, problemResponses } from '../schemas/common';
import { schoolSchema } from '../schemas/users';

const tags = ['exports'];
const formatSchema = z.enum(exportFormats).default('csv-cp932');
const fileResponse = {
  description: 'The file (CSV in CP932 or UTF-8 with BOM, or XLSX), as an attachment',
  content: {
    'text/csv': { schema: z.string().openapi({ format: 'binary' }) },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: z.string().openapi({ format: 'binary' }),
    },
  },
} as const;
const unencodable = { 422: problemResponses[400] };

const sheets = defineRoute(
  { roles: ['family_center', 'teacher'], scope: 'own-school' },
  {
    method: 'get',
    path: '/exports/sheets',
    tags,
    summary: "Child info sheets as a file (teachers: their school's shared sheets); audited",
    request: {
      query: z.object({
        runId: idSchema.optional(),
        school: schoolSchema.optional(),
        format: formatSchema,
      }),
    },
    responses: { 200: fileResponse, ...problemResponses, ...unencodable },
  },
);
const flagged = defineRoute(
  { roles: ['family_center'] },
  {
    method: 'get',
    path: '/exports/flagged',
    tags,
    summary: "A run's flagged children as a file; audited",
    request: {
      query: z.object({ runId: idSchema, school: schoolSchema.optional(), format: formatSchema }),
    },
    responses: { 200: fileResponse, ...problemResponses, ...unencodable },
  },
);
const disclosure = defineRoute(
  { roles: ['family_center'] },
  {
    method: 'get',
    path: '/exports/disclosure/{childId}',
    tags,
    summary: 'Everything held about one child (開示請求), as a file or JSON; audited',
    request: {
      params: z.object({ childId: idSchema.openapi({ param: { name: 'childId', in: 'path' } }) }),
      query: z.object({ format: z.enum([...exportFormats, 'json']).default('csv-cp932') }),
    },
    responses: {
      200: {
        ...fileResponse,
        content: {
          ...fileResponse.content,
          'application/json': { schema: z.record(z.string(), z.unknown()) },
        },
      },
      ...problemResponses,
      ...unencodable,
    },
  },
);

/** A download: the file's type, an attachment name, never cached. */
function download(c: Context<ApiEnv>, file: ExportFile): Response {
  return c.body(file.bytes.slice().buffer, 200, {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, '_')}"`,
    'cache-control': 'no-store',
  });
}

/** Exports of sheets, flagged lists and disclosures (casework writes the `export.*` audit). */
export function exportRoutes(ctx: AppContext) {
  const { casework } = ctx.deps;
  return createRouter()
    .openapi(sheets, async function exportSheets(c) {
      const { runId, school, format } = c.req.valid('query');
      const user = c.get('user');
      let scope = school;
      if (user?.role === 'teacher') {
        if (user.school === null) throw new ApiError(404, 'not_found', 'No sheets to export.');
        scope = user.school;
      }
      const file = await casework.exportSheets({
        format,
        actor: actorOf(c),
        ...(runId === undefined ? {} : { runId }),
        ...(scope === undefined ? {} : { school: scope }),
      });
      return download(c, file);
    })
    .openapi(flagged, async function exportFlagged(c) {
      const { runId, school, format } = c.req.valid('query');
      const file = await casework.exportFlaggedList({
        runId,
        format,
        actor: actorOf(c),
        ...(school === undefined ? {} : { school }),
      });
      return download(c, file);
    })
    .openapi(disclosure, async function exportDisclosure(c) {
      const { childId } = c.req.valid('param');
      const { format } = c.req.valid('query');
      if (format === 'json')
        return c.json({ ...(await casework.disclosureJson({ childId, actor: actorOf(c) })) }, 200);
      const exported = await casework.exportDisclosure({ childId, format, actor: actorOf(c) });
      return download(c, exported.file);
    });
}
