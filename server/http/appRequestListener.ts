/**
 * The one request listener of the HTTP server: security headers on every response, then tRPC
 * (/api/trpc, each call's body capped by procedure, answers compressed), the plain HTTP API (/api/v1), and Next.js for
 * everything else. Built apart from main.ts so that tests drive the same routing over HTTP.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { UrlWithParsedQuery } from 'node:url';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { AppContext } from '../appContext';
import { trpcBodyLimit } from '../trpc/bodyLimit';
import { createHttpTrpcContext } from '../trpc/init';
import { appRouter } from '../trpc/root';
import { handleApiRequest } from './apiRoutes';
import { compressResponse } from './compressResponse';
import type { HealthSources } from './health';
import { notFoundUrl, pageNamesNothing } from './pageNamesNothing';
import { stampPeer } from './peerHeaders';
import { securityHeaders } from './securityHeaders';

const TRPC_BASE = '/api/trpc/';

export interface AppRequestListenerOptions {
  /** Next.js's handler (optionally with the URL to render); tests pass a stub page */
  handleNext: (req: IncomingMessage, res: ServerResponse, url?: UrlWithParsedQuery) => unknown;
  dev: boolean;
  /** the public address is https (PUBLIC_URL) */
  https: boolean;
  /** what /api/health and /api/ready report beyond the app context (Redis); unused when absent */
  health?: HealthSources;
}


export function createAppRequestListener(app: AppContext, options: AppRequestListenerOptions): RequestListener {
  const headers = Object.entries(securityHeaders({ dev: options.dev, https: options.https }));
  /** one tRPC handler per body limit (there are three) */
  const trpcHandlers = new Map<number, RequestListener>();
  const trpcHandlerFor = (maxBodySize: number): RequestListener => {
    let handler = trpcHandlers.get(maxBodySize);
    if (!handler) {
      handler = createHTTPHandler({
        router: appRouter,
        createContext: createHttpTrpcContext,
        basePath: TRPC_BASE,
        maxBodySize,
        onError: ({ error, path }) => {
          if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path}:`, error.cause ?? error);
        },
      });
      trpcHandlers.set(maxBodySize, handler);
    }
    return handler;
  };

  return (req, res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    const url = req.url ?? '/';
    if (url.startsWith(TRPC_BASE)) {
      compressResponse(req, res);
      return trpcHandlerFor(trpcBodyLimit(procedurePath(url)))(req, res);
    }
    if (handleApiRequest(app, req, res, options.health)) return;
    // server components build the tRPC context from headers alone (see peerHeaders)
    stampPeer(req);
    // an unknown province, commune or KPI is a real 404 (see pageNamesNothing)
    if (pageNamesNothing(app, req)) return void options.handleNext(req, res, notFoundUrl(req));
    return void options.handleNext(req, res);
  };
}

/** The procedure names of a tRPC URL (`auth.signIn`, or a batch joined by commas); '' when garbled. */
function procedurePath(url: string): string {
  try {
    return decodeURIComponent(url.slice(TRPC_BASE.length).split('?')[0]!);
  } catch {
    return '';
  }
}
