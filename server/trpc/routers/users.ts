import { z } from 'zod';
import { createUserAccount, disableUserAccount, enableUserAccount, listUserAccounts, signOutUserEverywhere } from '../../services/users';
import { createTRPCRouter, roleProcedure } from '../init';

export const usersRouter = createTRPCRouter({
  /** nation-wide administrators only: API tokens are for data, not for people */
  create: roleProcedure(['admin'])
    .input(
      z.object({
        username: z.string().regex(/^[a-z0-9._-]{3,64}$/i, 'letters, digits, . _ - (3–64)'),
        displayName: z.string().min(1).max(120),
        password: z.string().min(10).max(200),
        role: z.enum(['admin', 'leader', 'province_staff', 'commune_staff', 'planner']),
        scopeUnitCode: z.string().min(1).max(20),
      }),
    )
    .mutation(({ ctx, input }) => createUserAccount(ctx.app, ctx.principal, input)),

  /** the accounts within the administrator's scope, with their sessions; never a password hash */
  list: roleProcedure(['admin']).query(({ ctx }) => listUserAccounts(ctx.app, ctx.principal)),

  /** disables an account and ends its sessions */
  disable: roleProcedure(['admin'])
    .input(z.object({ username: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => disableUserAccount(ctx.app, ctx.principal, input.username)),

  enable: roleProcedure(['admin'])
    .input(z.object({ username: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => enableUserAccount(ctx.app, ctx.principal, input.username)),

  /** ends every session of an account, on every device */
  signOutEverywhere: roleProcedure(['admin'])
    .input(z.object({ username: z.string().min(1).max(64) }))
    .mutation(({ ctx, input }) => signOutUserEverywhere(ctx.app, ctx.principal, input.username)),
});
