import { z } from 'zod';
import { ACKNOWLEDGING_ROLES, acknowledge, listAlerts, searchAlerts } from '../../services/alerts';
import { createTRPCRouter, publicProcedure, roleProcedure } from '../init';
import { alertOutput, alertPageOutput } from '../outputs';

export const alertsRouter = createTRPCRouter({
  /** open alerts, newest first; within one province's subtree when given */
  open: publicProcedure
    .input(z.object({ provinceId: z.number().int().optional(), limit: z.number().int().min(1).max(200).optional() }))
    .output(z.array(alertOutput))
    .query(({ ctx, input }) => listAlerts(ctx.app, input, ctx.principal)),

  /** every alert matching a filter, a page at a time, with the total (the /alerts page, the badge) */
  list: publicProcedure
    .input(
      z.object({
        provinceId: z.number().int().optional(),
        kpiId: z.string().max(100).optional(),
        kind: z.enum(['band_drop', 'outlier']).optional(),
        state: z.enum(['open', 'acknowledged', 'resolved']).optional(),
        page: z.number().int().min(1).max(100_000).default(1),
        pageSize: z.number().int().min(1).max(200).default(50),
      }),
    )
    .output(alertPageOutput)
    .query(({ ctx, input }) => searchAlerts(ctx.app, input, ctx.principal)),

  /** leaders (and administrators) acknowledge alerts within their scope */
  acknowledge: roleProcedure(ACKNOWLEDGING_ROLES)
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(({ ctx, input }) => acknowledge(ctx.app, ctx.principal, input.id)),
});
