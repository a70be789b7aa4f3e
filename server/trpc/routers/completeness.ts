import { z } from 'zod';
import { FREQUENCIES, SUBMITTING_LEVELS } from '../../../kpi-definitions/schema';
import { getCompleteness } from '../../services/completeness';
import { authenticatedProcedure, createTRPCRouter } from '../init';
import { completenessOutput } from '../outputs';

export const completenessRouter = createTRPCRouter({
  /**
   * Who has reported a KPI set for a period, on time or late, and who is still missing; within
   * the caller's scope. No `kpiId` in the input: every live frame refreshes it.
   */
  get: authenticatedProcedure
    .input(
      z.object({
        frequency: z.enum(FREQUENCIES),
        level: z.enum(SUBMITTING_LEVELS),
        period: z.date(),
        provinceId: z.number().int().positive().optional(),
      }),
    )
    .output(completenessOutput)
    .query(({ ctx, input }) => getCompleteness(ctx.app, ctx.principal, input)),
});
