import { z } from 'zod';
import { explainChange } from '../../services/explainChange';
import { getChildRanking, getCurrentValues, getSeries, topicsBehind } from '../../services/kpiValues';
import { cachedRead } from '../../services/readCache';
import { getScorecard } from '../../services/scorecard';
import { createTRPCRouter, publicProcedure } from '../init';
import { childRankingOutput, explainChangeOutput, kpiSnapshotOutput, scorecardOutput, seriesOutput } from '../outputs';

const kpiId = z.string().min(1).max(64);
const orgUnitId = z.number().int().nonnegative();

/** A series may not ask for more points than a chart can show. */
const MAX_POINTS: Record<'hour' | 'day' | 'month', number> = { hour: 24 * 92, day: 366 * 3, month: 12 * 20 };

export const valuesRouter = createTRPCRouter({
  current: publicProcedure
    .input(z.object({ orgUnitId, kpiIds: z.array(kpiId).max(100).optional(), asOf: z.date().optional() }))
    .output(z.array(kpiSnapshotOutput))
    .query(({ ctx, input }) => getCurrentValues(ctx.app, input)),

  series: publicProcedure
    .input(
      z
        .object({ kpiId, orgUnitId, from: z.date(), to: z.date(), resolution: z.enum(['hour', 'day', 'month']) })
        .refine((q) => q.from < q.to, { message: 'from must be before to', path: ['from'] })
        .refine(
          (q) => (q.to.getTime() - q.from.getTime()) / { hour: 3600e3, day: 86400e3, month: 2629800e3 }[q.resolution] <= MAX_POINTS[q.resolution],
          { message: 'range too long for this resolution', path: ['resolution'] },
        ),
    )
    .output(seriesOutput)
    // kept per data version here, not in getSeries: open data reads series through its own cache
    .query(({ ctx, input }) => cachedRead(ctx.app, 'series', input, () => getSeries(ctx.app, input), topicsBehind(ctx.app, input.kpiId))),

  ranking: publicProcedure
    .input(z.object({ kpiId, parentId: orgUnitId, asOf: z.date().optional() }))
    .output(childRankingOutput)
    .query(({ ctx, input }) => getChildRanking(ctx.app, input)),

  /**
   * Why a KPI moved at a unit: the change vs the previous period split into its children's
   * contributions (and a composite's groups'), summing to the change. `period`: explain the newest
   * period with data up to this instant instead of the newest one.
   */
  explainChange: publicProcedure
    .input(z.object({ kpiId, orgUnitId, period: z.date().optional() }))
    .output(explainChangeOutput)
    .query(({ ctx, input }) => explainChange(ctx.app, input)),

  /** Every province against the service index and its groups (no kpiId: refetched on every live frame). */
  scorecard: publicProcedure
    .input(z.object({ asOf: z.date().optional() }))
    .output(scorecardOutput)
    .query(({ ctx, input }) => getScorecard(ctx.app, input)),
});
