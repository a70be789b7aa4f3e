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
import type { Principal } from '../auth/principal';
import { AppError, APP_ERROR_CODES } from '../errors';

export interface TrpcContext {
  app: AppContext;
  /** who is asking; undefined for anonymous readers */
  principal: Principal | undefined;
}

export async function createTrpcContext(opts: CreateHTTPContextOptions): Promise<TrpcContext> {
  const app = getAppContext();
  return { app, principal: await authenticateBearer(app.db, opts.req.headers.authorization) };
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
export const publicProcedure = t.procedure.use(appErrors);

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
