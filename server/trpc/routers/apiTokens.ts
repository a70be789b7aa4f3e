import { z } from 'zod';
import { createApiTokenFor, listApiTokensFor, revokeApiTokenFor } from '../../services/apiTokens';
import { createTRPCRouter, roleProcedure } from '../init';

/** administrators, and provincial staff for their own province's tokens (checked in the service) */
const managers = ['admin', 'province_staff'] as const;
const tokenName = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/i, 'letters, digits, . _ - (3–64)');

export const apiTokensRouter = createTRPCRouter({
  /** returns the token's plaintext: shown once, never stored */
  create: roleProcedure(managers)
    .input(z.object({ name: tokenName, scopeUnitCode: z.string().min(1).max(20) }))
    .mutation(({ ctx, input }) => createApiTokenFor(ctx.app, ctx.principal, input)),

  /** names, scopes and dates; never a secret */
  list: roleProcedure(managers).query(({ ctx }) => listApiTokensFor(ctx.app, ctx.principal)),

  revoke: roleProcedure(managers)
    .input(z.object({ name: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => revokeApiTokenFor(ctx.app, ctx.principal, input)),
});
