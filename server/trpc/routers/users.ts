import { z } from 'zod';
import { createUserAccount } from '../../services/users';
import { createTRPCRouter, roleProcedure } from '../init';

export const usersRouter = createTRPCRouter({
  /** administrators, or a nation-wide system token (provisioning) */
  create: roleProcedure(['admin'], { allowSystem: true })
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
});
