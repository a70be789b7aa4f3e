import { z } from 'zod';
import { homePath } from '../../../shared/domain/homePath';
import { signIn, signOut, signOutEverywhere, sessionCookies } from '../../auth/sessions';
import { AppError } from '../../../shared/errors';
import { createTRPCRouter, publicProcedure } from '../init';

export const authRouter = createTRPCRouter({
  /** who is signed in (null for anonymous readers) */
  me: publicProcedure.query(({ ctx }) => {
    if (!ctx.session) return null;
    const scope = ctx.app.orgUnits().get(ctx.session.principal.scopeUnitId);
    return {
      username: ctx.session.username,
      displayName: ctx.session.displayName,
      role: ctx.session.principal.role,
      scopeUnitId: scope.id,
      /** the province the scope lies in; null for a nation-wide scope */
      scopeProvinceId: scope.level === 'nation' ? null : (scope.provinceId ?? scope.id),
      /** where this user lands: their own unit */
      home: homePath(scope),
    };
  }),

  signIn: publicProcedure
    .input(z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }))
    .mutation(async ({ ctx, input }) => {
      const result = await signIn(ctx.app, { ...input, clientKey: ctx.clientKey });
      ctx.setCookies?.(sessionCookies(result, ctx.secure));
      return { displayName: result.displayName, role: result.principal.role, home: homePath(ctx.app.orgUnits().get(result.principal.scopeUnitId)) };
    }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await signOut(ctx.app, ctx.session);
    ctx.setCookies?.(sessionCookies(null, ctx.secure));
    return { ok: true };
  }),

  /** ends every session of this user, on every device */
  signOutEverywhere: publicProcedure.mutation(async ({ ctx }) => {
    if (!ctx.session) throw new AppError('UNAUTHENTICATED', { vi: 'Bạn chưa đăng nhập', en: 'You are not signed in' });
    const ended = await signOutEverywhere(ctx.app, ctx.session);
    ctx.setCookies?.(sessionCookies(null, ctx.secure));
    return { ended };
  }),
});
