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
import { hasControlCharacter } from '../../shared/domain/validateMeasurementBatch';
import { AppError, APP_ERROR_CODES, type LocalizedText } from '../../shared/errors';
import { clientAddressFrom } from '../http/clientAddress';
import { headersOf } from '../http/headersOf';
import { formatBytes, trpcBodyLimit } from './bodyLimit';

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

/**
 * What the context is built from: the request's headers and what the connection says (its peer
 * address, whether it is TLS), so that the HTTP adapter and server components (which only see
 * `Headers`) build the same context by the same rules.
 */
export interface TrpcRequest {
  headers: Headers;
  /** the address of the connection's peer (the nearest proxy when there is one) */
  remoteAddress: string | undefined;
  /** the connection to this server is TLS */
  tls: boolean;
  /** sets response cookies (sign-in, sign-out); absent where no response can carry them */
  setCookies?: (cookies: string[]) => void;
}

export async function createTrpcContext(req: TrpcRequest): Promise<TrpcContext> {
  const app = getAppContext();
  const { headers } = req;
  const cookie = headers.get('cookie') ?? undefined;
  const token = await authenticateBearer(app.db, headers.get('authorization'));
  const session = token ? undefined : await sessionFromCookies(app, cookie);
  return {
    app,
    principal: token ?? session?.principal,
    session,
    // A token in a header cannot be sent by another site's page; a cookie can, hence the check.
    csrfOk: !session || csrfValid(cookie, headers.get(CSRF_HEADER) ?? undefined),
    ...(req.setCookies ? { setCookies: req.setCookies } : {}),
    clientKey: clientAddressFrom(headers.get('x-forwarded-for'), req.remoteAddress, app.trustProxyHops),
    secure: app.secureCookies || req.tls || headers.get('x-forwarded-proto') === 'https',
  };
}

/** The HTTP adapter's context: the Node request seen as a `TrpcRequest`. */
export function createHttpTrpcContext({ req, res }: CreateHTTPContextOptions): Promise<TrpcContext> {
  return createTrpcContext({
    headers: headersOf(req.headers),
    remoteAddress: req.socket.remoteAddress,
    tls: (req.socket as { encrypted?: boolean }).encrypted === true,
    setCookies: (cookies) => res.setHeader('set-cookie', cookies),
  });
}

/** The context of a call made inside the server (tests, server components): no cookies, no CSRF. */
export function serverCallerContext(app: AppContext, principal?: Principal): TrpcContext {
  return { app, principal, session: undefined, csrfOk: true, clientKey: 'server', secure: false };
}

/**
 * What a browser reads when the error is not an AppError: never the internal message (database
 * text, stack), which goes to the log only; as the HTTP API does.
 */
function userMessageOf(code: string, path: string | undefined, zod: ZodError | undefined): LocalizedText {
  if (zod) {
    const fields = [...new Set(zod.issues.map((i) => i.path.join('.') || 'input'))].join(', ');
    return { vi: `Dữ liệu gửi lên không hợp lệ: ${fields}`, en: `Invalid input: ${fields}` };
  }
  switch (code) {
    case 'PAYLOAD_TOO_LARGE': {
      const limit = formatBytes(trpcBodyLimit(path ?? ''));
      return { vi: `Nội dung gửi lên vượt quá ${limit}`, en: `The request body exceeds ${limit}` };
    }
    case 'PARSE_ERROR':
    case 'BAD_REQUEST':
      return { vi: 'Yêu cầu không hợp lệ', en: 'Invalid request' };
    case 'NOT_FOUND':
      return { vi: 'Không có thao tác này', en: 'No such procedure' };
    case 'UNAUTHORIZED':
      return { vi: 'Cần đăng nhập', en: 'Sign-in is required' };
    case 'FORBIDDEN':
      return { vi: 'Bạn không được làm việc này', en: 'You may not do this' };
    case 'TOO_MANY_REQUESTS':
      return { vi: 'Quá nhiều yêu cầu; hãy thử lại sau', en: 'Too many requests; try again later' };
    case 'METHOD_NOT_SUPPORTED':
      return { vi: 'Phương thức không được hỗ trợ', en: 'Method not supported' };
    default:
      return { vi: 'Lỗi máy chủ; thao tác chưa được thực hiện', en: 'Server error; nothing was done' };
  }
}

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error, path }) {
    const app = error.cause instanceof AppError ? error.cause : undefined;
    const zod = error.cause instanceof ZodError ? error.cause : undefined;
    const message = app ? app.userMessage : userMessageOf(error.code, path, zod);
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: message.en,
      data: {
        ...data,
        appError: { code: app?.code ?? error.code, message, rows: app?.rowErrors },
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

/** The first string of an input (depth first) that holds a control character, as its path. */
function controlCharacterPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return hasControlCharacter(value) ? path || 'input' : undefined;
  if (value === null || typeof value !== 'object' || value instanceof Date) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = hasControlCharacter(key) ? path || 'input' : controlCharacterPath(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}

/** NUL and other control characters in any text field are refused, naming the field, before the database sees them. */
const refuseControlCharacters = t.middleware(async ({ getRawInput, next }) => {
  const field = controlCharacterPath(await getRawInput(), '');
  if (field) {
    throw new AppError('BAD_REQUEST', {
      vi: `Trường «${field}» chứa ký tự điều khiển (như NUL); hãy xoá ký tự đó`,
      en: `Field "${field}" holds a control character (such as NUL); remove it`,
    });
  }
  return next();
});

const guardedProcedure = t.procedure.use(appErrors).use(csrf);

export const publicProcedure = guardedProcedure.use(refuseControlCharacters);

/** Someone must be signed in or present a token; checked before the input is read. */
const signedInProcedure = guardedProcedure.use(({ ctx, next }) => {
  if (!ctx.principal) {
    throw new TRPCError({
      code: 'UNAUTHORIZED',
      cause: new AppError('UNAUTHENTICATED', { vi: 'Cần đăng nhập hoặc mã truy cập API', en: 'Sign-in or an API token is required' }),
    });
  }
  return next({ ctx: { ...ctx, principal: ctx.principal } });
});

/** Any write: someone must be signed in or present a token. */
export const authenticatedProcedure = signedInProcedure.use(refuseControlCharacters);

/**
 * Only these roles (systems with a token pass when `allowSystem`). Who is asking is checked before
 * the input is read, so that no one outside the roles can make the server parse a large body.
 */
export function roleProcedure(
  roles: readonly Role[],
  options: {
    allowSystem?: boolean;
    /** a check of the caller that must also come before the input is read (a rate budget) */
    beforeInput?: (ctx: { app: AppContext; principal: Principal }) => void;
  } = {},
) {
  return signedInProcedure
    .use(({ ctx, next }) => {
      const role = ctx.principal.role;
      if (role === 'system' ? !options.allowSystem : !roles.includes(role)) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          cause: new AppError('FORBIDDEN', { vi: 'Vai trò của bạn không được làm việc này', en: 'Your role may not do this' }),
        });
      }
      options.beforeInput?.(ctx);
      return next();
    })
    .use(refuseControlCharacters);
}
