import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// In development the API (apps/api) runs on its own port; in production the lead's Node
// server answers /api/* with Hono and everything else with this app's handler.
const apiTarget = process.env['MIMAMORI_API'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
});
