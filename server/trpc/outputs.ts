/**
 * Output schemas of the procedures whose shape is a contract many screens (and, through the open
 * data pages, the public) read. `.output()` checks at compile time that the service returns this
 * shape (its type must be assignable to the schema's input) and at run time strips anything a
 * service adds beyond it, so a new internal field never leaks onto the wire by accident.
 */
import { z } from 'zod';
import { BAND_IDS, FREQUENCIES } from '../../kpi-definitions/schema';

const band = z.enum(BAND_IDS).nullable();
const localized = z.object({ vi: z.string(), en: z.string() });

/** one KPI's current value for a unit (values.current) */
export const kpiSnapshotOutput = z.object({
  kpiId: z.string(),
  period: z.date().nullable(),
  frequency: z.enum(FREQUENCIES),
  value: z.number().nullable(),
  previousValue: z.number().nullable(),
  band,
  reportingUnits: z.number().int(),
  provisional: z.boolean(),
  groups: z.array(z.object({ id: z.string(), name: localized, weight: z.number(), score: z.number().nullable() })).optional(),
});

/** a unit's children ranked by one KPI in its latest period (values.ranking) */
export const childRankingOutput = z.object({
  period: z.date().nullable(),
  children: z.array(
    z.object({
      orgUnitId: z.number().int(),
      code: z.string(),
      name: z.string(),
      value: z.number().nullable(),
      previousValue: z.number().nullable(),
      band,
      rank: z.number().int().nullable(),
    }),
  ),
});

/** a KPI's change at a unit split into its children's (and a composite's groups') contributions (values.explainChange) */
export const explainChangeOutput = z.object({
  kpiId: z.string(),
  orgUnitId: z.number().int(),
  kind: z.enum(['ratio', 'mean', 'sum', 'composite']),
  frequency: z.enum(FREQUENCIES),
  period: z.date().nullable(),
  previousPeriod: z.date().nullable(),
  previousValue: z.number().nullable(),
  currentValue: z.number().nullable(),
  change: z.number().nullable(),
  childLevel: z.enum(['province', 'commune']).nullable(),
  children: z.array(
    z.object({
      orgUnitId: z.number().int(),
      code: z.string(),
      name: z.string(),
      own: z.boolean(),
      previousValue: z.number().nullable(),
      currentValue: z.number().nullable(),
      contribution: z.number(),
      rateEffect: z.number(),
      mixEffect: z.number(),
      byGroup: z.record(z.string(), z.number()).optional(),
    }),
  ),
  groups: z
    .array(
      z.object({
        id: z.string(),
        name: localized,
        weight: z.number(),
        previousScore: z.number().nullable(),
        currentScore: z.number().nullable(),
        contribution: z.number(),
        kpis: z.array(
          z.object({
            kpiId: z.string(),
            previousValue: z.number().nullable(),
            currentValue: z.number().nullable(),
            previousScore: z.number().nullable(),
            currentScore: z.number().nullable(),
            contribution: z.number(),
          }),
        ),
      }),
    )
    .optional(),
});
