import { z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { defineRoute } from '../access';
import { audit } from '../audit';
import { createRouter, type AppContext } from '../context';
import { ApiError } from '../problem';
import { idParamSchema, jsonResponse, problemResponses } from '../schemas/common';
import {
  importBatchDetailSchema,
  importBatchSchema,
  importFormSchema,
  importResultSchema,
} from '../schemas/data';

const tags = ['imports'];
const it = { roles: ['it'] } as const;

const upload = defineRoute(it, {
  method: 'post',
  path: '/',
  tags,
  summary: 'Upload a file for a connector: dry run (default) or all-or-nothing import',
  request: {
    body: { required: true, content: { 'multipart/form-data': { schema: importFormSchema } } },
  },
  responses: {
    200: jsonResponse(importResultSchema, 'Result with row issues'),
    ...problemResponses,
    413: problemResponses[400],
    415: problemResponses[400],
  },
});
const list = defineRoute(it, {
  method: 'get',
  path: '/',
  tags,
  summary: 'Import history',
  responses: { 200: jsonResponse(z.array(importBatchSchema), 'Batches'), ...problemResponses },
});
const get = defineRoute(it, {
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One batch with its row issues',
  request: { params: idParamSchema },
  responses: { 200: jsonResponse(importBatchDetailSchema, 'Batch'), ...problemResponses },
});
const events = defineRoute(it, {
  method: 'get',
  path: '/{id}/events',
  tags,
  summary: 'Progress of an import as server-sent events (`progress`, then `done`)',
  request: { params: idParamSchema },
  responses: {
    200: { description: 'Event stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...problemResponses,
  },
});

/** The file name without any directory part, bounded (never used as a path). */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  return clean === '' ? 'upload' : clean;
}

/** File imports: upload + dry run / commit, history, progress events. */
export function importRoutes(ctx: AppContext) {
  const { deps } = ctx;
  return createRouter()
    .openapi(upload, async function uploadFile(c) {
      const form = c.req.valid('form');
      const dryRun = form.dryRun !== 'false';
      const fileName = safeFileName(form.file.name);
      const bytes = new Uint8Array(await form.file.arrayBuffer());
      const result = await deps.imports.run({
        connector: form.connector,
        fileName,
        bytes,
        dryRun,
        by: c.get('user')?.id ?? '',
        progressId: form.progressId,
      });
      if (result === undefined) throw new ApiError(404, 'unknown_connector', 'No such connector.');
      const batchId = typeof result.summary.batchId === 'string' ? result.summary.batchId : null;
      await audit(
        c,
        dryRun ? 'import.dry_run' : 'import.commit',
        { type: 'import', id: batchId },
        {
          connector: form.connector,
          bytes: bytes.byteLength,
          ok: result.ok,
          issues: result.issues.length,
        },
      );
      return c.json(result, 200);
    })
    .openapi(list, async function listImports(c) {
      return c.json(await deps.imports.list(), 200);
    })
    .openapi(get, async function getImport(c) {
      const batch = await deps.imports.get(c.req.valid('param').id);
      if (batch === undefined) throw new ApiError(404, 'not_found', 'No such import.');
      return c.json(batch, 200);
    })
    .openapi(events, function importEvents(c) {
      const progress = deps.imports.events(c.req.valid('param').id);
      if (progress === undefined) throw new ApiError(404, 'not_found', 'No such import.');
      return streamSSE(c, async function sendProgress(stream) {
        let id = 0;
        for await (const event of progress) {
          if (stream.aborted) return;
          await stream.writeSSE({
            event: 'progress',
            data: JSON.stringify(event),
            id: String(++id),
          });
        }
        await stream.writeSSE({ event: 'done', data: '{}', id: String(id + 1) });
      });
    });
}
