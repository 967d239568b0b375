import { z } from '@hono/zod-openapi';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import { ApiError } from '../problem';
import { jsonBody, jsonResponse, problemResponses } from '../schemas/common';
import {
  inferFormSchema,
  inferResultSchema,
  mappedSourceSummarySchema,
  savedSourceSchema,
  saveSourceSchema,
} from '../schemas/sources';
import type { SourceService } from '../deps';
import { safeFileName } from './imports';

const tags = ['sources'];
const it = { roles: ['it'] } as const;
const invalid = {
  409: problemResponses[400],
  413: problemResponses[400],
  422: problemResponses[400],
};

type SaveRefusal = Extract<Awaited<ReturnType<SourceService['save']>>, { ok: false }>['code'];

/** What each refused save says; the problems (fact and rule ids, never cell values) say where. */
const refusals: Record<SaveRefusal, string> = {
  invalid_mapping: 'The mapping is not complete.',
  fact_id_taken: 'Another source already declares some of these fact ids.',
  fact_in_use:
    'Published rules use facts this version drops or retypes; change the rules and publish them first.',
};

const infer = defineRoute(it, {
  method: 'post',
  path: '/sources/infer',
  tags,
  summary:
    'Infer a mapping from a sample file, with a preview of the first rows as stored and linked',
  request: {
    body: { required: true, content: { 'multipart/form-data': { schema: inferFormSchema } } },
  },
  responses: { 200: jsonResponse(inferResultSchema, 'Proposal'), ...problemResponses, ...invalid },
});
const save = defineRoute(it, {
  method: 'post',
  path: '/sources',
  tags,
  summary: 'Validate a mapping and save it as the next version of its source',
  request: { body: jsonBody(saveSourceSchema) },
  responses: { 201: jsonResponse(savedSourceSchema, 'Saved'), ...problemResponses, ...invalid },
});
const list = defineRoute(it, {
  method: 'get',
  path: '/sources',
  tags,
  summary: 'Mapped sources with every saved version',
  responses: {
    200: jsonResponse(z.array(mappedSourceSummarySchema), 'Sources'),
    ...problemResponses,
  },
});

/** Sample-first onboarding of new sources without code (role `it`). */
export function sourceRoutes(ctx: AppContext) {
  const { sources } = ctx.deps;
  return createRouter()
    .openapi(infer, async function inferSource(c) {
      const form = c.req.valid('form');
      let mapping: unknown;
      if (form.mapping !== undefined) {
        try {
          mapping = JSON.parse(form.mapping);
        } catch (error) {
          throw new ApiError(400, 'invalid_json', 'The mapping is not JSON.', {
            cause: error,
            errors: [{ path: '/mapping', message: 'expected a JSON mapping document' }],
          });
        }
      }
      const bytes = new Uint8Array(await form.file.arrayBuffer());
      const result = await sources.infer({
        fileName: safeFileName(form.file.name),
        bytes,
        name: form.name,
        ...(mapping === undefined ? {} : { mapping }),
      });
      await audit(c, 'source.infer', null, {
        bytes: bytes.byteLength,
        columns: result.columns.length,
        rows: result.preview.rows.length,
        edited: mapping !== undefined,
      });
      return c.json(result, 200);
    })
    .openapi(save, async function saveSource(c) {
      const saved = await sources.save(c.req.valid('json').mapping, c.get('user')?.id ?? '');
      if (!saved.ok) {
        throw new ApiError(422, saved.code, refusals[saved.code], {
          errors: saved.problems.slice(0, 200).map((p) => ({
            path: p.path,
            message: p.message,
            code: p.code,
            messageJa: p.messageJa,
          })),
        });
      }
      await audit(
        c,
        'source.save',
        { type: 'mapped_source', id: saved.name },
        { version: saved.version, facts: saved.facts },
      );
      return c.json({ name: saved.name, version: saved.version }, 201);
    })
    .openapi(list, async function listSources(c) {
      return c.json(await sources.list(), 200);
    });
}
