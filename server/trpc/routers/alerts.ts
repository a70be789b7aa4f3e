import { z } from 'zod';
import { acknowledge, listAlerts } from '../../services/alerts';
import { createTRPCRouter, publicProcedure, roleProcedure } from '../init';

export const alertsRouter = createTRPCRouter({
  /** open alerts, newest first; within one province's subtree when given */
  open: publicProcedure
    .input(z.object({ provinceId: z.number().int().optional(), limit: z.number().int().min(1).max(200).optional() }))
    .query(({ ctx, input }) => listAlerts(ctx.app, input)),

  /** leaders (and administrators) acknowledge alerts within their scope */
  acknowledge: roleProcedure(['leader', 'admin'])
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => acknowledge(ctx.app, ctx.principal, input.id)),
});
