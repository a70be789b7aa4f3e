import { z } from 'zod';
import { approveReports, correctReport, getReportForm, getReportHistory, listApprovalQueue, returnReportForRevision, saveReports } from '../../services/reports';
import { createTRPCRouter, roleProcedure } from '../init';

const staff = ['commune_staff', 'province_staff', 'admin'] as const;
const frequency = z.enum(['daily', 'monthly', 'quarterly']);
const inputs = z.object({
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  value: z.number().nullable().optional(),
  weight: z.number().nullable().optional(),
});

export const reportsRouter = createTRPCRouter({
  /** the KPIs a unit reports for a period, with saved values, history and the deadline */
  form: roleProcedure([...staff, 'leader', 'planner'])
    .input(z.object({ orgUnitId: z.number().int(), frequency, period: z.date() }))
    .query(({ ctx, input }) => getReportForm(ctx.app, ctx.principal, input)),

  save: roleProcedure(staff, { allowSystem: true })
    .input(
      z.object({
        orgUnitId: z.number().int(),
        frequency,
        period: z.date(),
        submit: z.boolean(),
        entries: z
          .array(z.object({ kpiId: z.string().max(64), inputs, explanation: z.string().max(2000).nullable().optional(), expectedVersion: z.number().int().nullable() }))
          .min(1)
          .max(100),
      }),
    )
    .mutation(({ ctx, input }) => saveReports(ctx.app, ctx.principal, input)),

  correct: roleProcedure(staff)
    .input(z.object({ reportId: z.number().int(), expectedVersion: z.number().int(), inputs, explanation: z.string().max(2000).nullable().optional(), reason: z.string().max(2000) }))
    .mutation(({ ctx, input }) => correctReport(ctx.app, ctx.principal, input)),

  approvalQueue: roleProcedure(['province_staff', 'admin']).query(({ ctx }) => listApprovalQueue(ctx.app, ctx.principal)),

  approve: roleProcedure(['province_staff', 'admin'])
    .input(z.object({ items: z.array(z.object({ reportId: z.number().int(), expectedVersion: z.number().int() })).min(1).max(500) }))
    .mutation(({ ctx, input }) => approveReports(ctx.app, ctx.principal, input.items)),

  /** sends a submitted report back to its unit with a comment; the unit edits and submits again */
  returnForRevision: roleProcedure(['province_staff', 'admin'])
    .input(z.object({ reportId: z.number().int(), expectedVersion: z.number().int(), comment: z.string().max(2000) }))
    .mutation(({ ctx, input }) => returnReportForRevision(ctx.app, ctx.principal, input)),

  history: roleProcedure([...staff, 'leader', 'planner'])
    .input(z.object({ reportId: z.number().int() }))
    .query(({ ctx, input }) => getReportHistory(ctx.app, ctx.principal, input.reportId)),
});
