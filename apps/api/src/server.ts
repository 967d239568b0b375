import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';

/** A Node request handler (e.g. SvelteKit adapter-node's `handler`). */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

/** Options of {@link createServer}. */
export interface ServerOptions {
  /** The Hono app (`createApp(...)`): anything with `fetch`. */
  app: { fetch: (request: Request, env: never) => Response | Promise<Response> };
  /** Default 3000. */
  port?: number;
  /** Default 127.0.0.1 (loopback only unless asked). */
  host?: string;
  /** Everything outside `/api` (the admin UI); 404 when absent. */
  fallback?: NodeHandler;
}

/** A listening (or not yet listening) server. */
export interface ApiServer {
  server: Server;
  listen(): Promise<{ host: string; port: number; url: string }>;
  close(): Promise<void>;
}

/** True for `/api` and `/api/…` (not `/apis`). */
function isApiPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path === '/api' || path.startsWith('/api/');
}

/**
 * One port for the API and the admin UI: `/api/*` goes to Hono, everything else to `fallback`.
 * @example
 * const { listen } = createServer({ app: createApp(deps), fallback: svelteKitHandler });
 * await listen(); // http://127.0.0.1:3000
 */
export function createServer(options: ServerOptions): ApiServer {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 3000;
  // Hono's `fetch(request, env)` receives the node bindings (`incoming`) as `env`.
  const fetch = options.app.fetch as (
    request: Request,
    env: unknown,
  ) => Response | Promise<Response>;
  const api = getRequestListener(fetch, { overrideGlobalObjects: false });
  const server = createHttpServer(function route(req, res) {
    if (isApiPath(req.url) || options.fallback === undefined) {
      if (!isApiPath(req.url)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found');
        return;
      }
      api(req, res).catch(function onListenerError() {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/problem+json' });
        res.end(
          JSON.stringify({
            type: 'urn:mimamori:problem:internal',
            title: 'Internal Server Error',
            status: 500,
            code: 'internal',
          }),
        );
      });
      return;
    }
    options.fallback(req, res, function notFound() {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found');
    });
  });
  server.headersTimeout = 60_000;
  server.requestTimeout = 10 * 60_000;
  return {
    server,
    listen: function listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, function listening() {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({
            host: address.address,
            port: address.port,
            url: `http://${shown}:${address.port}`,
          });
        });
      });
    },
    close: function close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
