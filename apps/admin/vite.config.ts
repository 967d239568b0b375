import { dirname, join } from 'node:path';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig, type Plugin } from 'vite';

// In development the API (apps/api) runs on its own port; in production the lead's Node
// server answers /api/* with Hono and everything else with this app's handler.
const apiTarget = process.env['MIMAMORI_API'] ?? 'http://127.0.0.1:3000';

/**
 * `sveltekit-superforms/adapters` re-exports the adapter of every validation library, so
 * bundling it needs them all (effect, valibot, zod 3's JSON Schema converter, …; upstream
 * ciscoheat/sveltekit-superforms#671). The forms use zod 4 only: this entry is narrowed to
 * the zod 4 adapter, under the names the package gives it.
 */
function superformsZod4Adapter(): Plugin {
  const entry = 'sveltekit-superforms/adapters';
  const virtual = `\0${entry}`;
  let zod4Adapter: string | undefined;
  return {
    name: 'mimamori:superforms-zod4-adapter',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source !== entry) return null;
      const main = await this.resolve('sveltekit-superforms', importer, { skipSelf: true });
      if (!main) return null;
      zod4Adapter = join(dirname(main.id), 'adapters', 'zod4.js');
      return virtual;
    },
    load(id) {
      if (id !== virtual || zod4Adapter === undefined) return null;
      return `export { zod as zod4, zodClient as zod4Client } from ${JSON.stringify(zod4Adapter)};`;
    },
  };
}

export default defineConfig({
  plugins: [superformsZod4Adapter(), sveltekit()],
  // ECharts (only the chart kinds we register) is one ~550 kB chunk (~185 kB gzipped), loaded
  // by the preview and KPI pages alone.
  build: { chunkSizeWarningLimit: 600 },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
