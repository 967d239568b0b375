import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { Access } from '../access';
import type { ApiEnv } from '../env';
import { ApiError } from '../problem';

/** Access rules of the non-OpenAPI routes below (merged into the one access table). */
export const docsAccess: Record<string, Access> = {
  'GET /api/openapi.json': { public: true },
  'GET /api/docs': { public: true },
  'GET /api/docs/:file': { public: true },
};

/**
 * swagger-ui-dist files we serve, by name: nothing else is readable. A Map, so names such as
 * `constructor` or `__proto__` find nothing.
 */
const assets = new Map<string, string>([
  ['swagger-ui.css', 'text/css; charset=utf-8'],
  ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8'],
  ['swagger-ui-standalone-preset.js', 'text/javascript; charset=utf-8'],
  ['favicon-32x32.png', 'image/png'],
]);

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mimamori API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"><link rel="icon" href="/api/docs/favicon-32x32.png"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;

// A file, not an inline script, so the page keeps `script-src 'self'`.
const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });`;

/** Directory of the installed swagger-ui-dist (served locally: no CDN). */
function swaggerDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/** `/api/openapi.json` and the interactive reference at `/api/docs`. */
export function docsRoutes(document: () => unknown) {
  const cache = new Map<string, Uint8Array<ArrayBuffer>>();
  return new Hono<ApiEnv>()
    .get('/openapi.json', function openApiJson(c) {
      return c.json(document() as Record<string, unknown>);
    })
    .get('/docs', function docsPage(c) {
      c.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
      );
      return c.html(page);
    })
    .get('/docs/:file', async function docsAsset(c) {
      const file = c.req.param('file');
      if (file === 'init.js')
        return c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' });
      const type = assets.get(file);
      if (type === undefined) throw new ApiError(404, 'not_found', 'No such file.');
      let bytes = cache.get(file);
      if (bytes === undefined) {
        bytes = new Uint8Array(await readFile(join(swaggerDir(), file)));
        cache.set(file, bytes);
      }
      return c.body(bytes, 200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
    });
}
