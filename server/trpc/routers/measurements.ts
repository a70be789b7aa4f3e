import { z } from 'zod';
import { spendIngestBudget } from '../../http/rateLimit';
import { ingestMeasurements, MAX_BATCH_ROWS } from '../../services/ingestMeasurements';
import { createTRPCRouter, roleProcedure } from '../init';

export const measurementsRouter = createTRPCRouter({
  /**
   * A batch lands whole or not at all; rows are validated by the ingestion service, not here. Only
   * the roles that submit data (as in server/auth/permissions.ts) and systems may write: leaders
   * and planners read. Each call spends the caller's budget shared with POST /api/v1/measurements.
   */
  ingest: roleProcedure(['commune_staff', 'province_staff', 'admin'], {
    allowSystem: true,
    // before the input is read, so that a caller past its budget does not make the server parse its batch
    beforeInput: ({ app, principal }) => spendIngestBudget(app.ingestLimiter, principal),
  })
    .input(
      z.object({
        rows: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_BATCH_ROWS),
        idempotencyKey: z.string().max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ingestMeasurements(ctx.app, ctx.principal, input.rows, { source: 'trpc', idempotencyKey: input.idempotencyKey }),
    ),
});
