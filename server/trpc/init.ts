/**
 * tRPC: context, procedures and the router factory, in one place. Procedures stay thin: they
 * check who is asking and hand the work to a server/services function.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import type { CreateHTTPContextOptions } from '@trpc/server/adapters/standalone';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { getAppContext, type AppContext } from '../appContext';
import { authenticateBearer } from '../auth/apiTokens';
import { CSRF_HEADER, csrfValid, sessionFromCookies, type SessionUser } from '../auth/sessions';
import type { Principal, Role } from '../auth/principal';
import { AppError, APP_ERROR_CODES } from '../errors';

export interface TrpcContext {
  app: AppContext;
  /** who is asking; undefined for anonymous readers */
  principal: Principal | undefined;
  /** the signed-in user's session, when the principal came from the cookie */
  session: SessionUser | undefined;
  /** false when a cookie-authenticated request lacks the CSRF header that matches its cookie */
  csrfOk: boolean;
  /** sets response cookies (sign-in, sign-out); absent for server-side callers */
  setCookies?: (cookies: string[]) => void;
  /** rate-limit key of the client (its address) */
  clientKey: string;
  /** whether cookies must be Secure (the request came over TLS) */
  secure: boolean;
}

export async function createTrpcContext(opts: CreateHTTPContextOptions): Promise<TrpcContext> {
  const app = getAppContext();
  const { req, res } = opts;
  const token = await authenticateBearer(app.db, req.headers.authorization);
  const session = token ? undefined : await sessionFromCookies(app, req.headers.cookie);
  const csrfHeader = req.headers[CSRF_HEADER];
  return {
    app,
    principal: token ?? session?.principal,
    session,
    // A token in a header cannot be sent by another site's page; a cookie can, hence the check.
    csrfOk: !session || csrfValid(req.headers.cookie, Array.isArray(csrfHeader) ? csrfHeader[0] : csrfHeader),
    setCookies: (cookies) => res.setHeader('set-cookie', cookies),
    clientKey: req.socket.remoteAddress ?? 'unknown',
    secure: (req.socket as { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https',
  };
}

/** The context of a call made inside the server (tests, server components): no cookies, no CSRF. */
export function serverCallerContext(app: AppContext, principal?: Principal): TrpcContext {
  return { app, principal, session: undefined, csrfOk: true, clientKey: 'server', secure: false };
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const app = error.cause instanceof AppError ? error.cause : undefined;
    const zod = error.cause instanceof ZodError ? error.cause : undefined;
    return {
      ...shape,
      data: {
        ...shape.data,
        appError: app ? { code: app.code, message: app.userMessage, rows: app.rowErrors } : null,
        fieldErrors: zod ? zod.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : null,
      },
    };
  },
});

/** Turns an AppError thrown by a service into the matching tRPC error, keeping it as the cause. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: APP_ERROR_CODES[cause.code].trpc, message: cause.userMessage.en, cause });
  }
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Mutations authenticated by cookie must carry the CSRF header. */
const csrf = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && !ctx.csrfOk) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      cause: new AppError('FORBIDDEN', { vi: 'Phiên làm việc không hợp lệ; hãy tải lại trang', en: 'Invalid session check; reload the page' }),
    });
  }
  return next();
});

export const publicProcedure = t.procedure.use(appErrors).use(csrf);

/** Any write: someone must be signed in or present a token. */
export const authenticatedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      cause: new AppError('UNAUTHENTICATED', { vi: 'Cần đăng nhập hoặc mã truy cập API', en: 'Sign-in or an API token is required' }),
    });
  }
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

/** Only these roles (systems with a token pass when `allowSystem`). */
export function roleProcedure(roles: readonly Role[], options: { allowSystem?: boolean } = {}) {
  return authenticatedProcedure.use(({ ctx, next }) => {
    const role = ctx.principal.role;
    if (role === 'system' ? !options.allowSystem : !roles.includes(role)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        cause: new AppError('FORBIDDEN', { vi: 'Vai trò của bạn không được làm việc này', en: 'Your role may not do this' }),
      });
    }
    return next();
  });
}
