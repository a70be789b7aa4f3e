/**
 * The shape every KPI definition obeys. A definition is data with types: the catalogue is loaded
 * and validated once at start (see `index.ts`), and a broken file stops the start with the file
 * and field named.
 *
 * How values are stored: every measurement is a pair (num, den) of additive parts, so that any
 * level is aggregated from sums alone and never as a mean of children's ratios:
 *   ratio     value = sum(num) / sum(den) × scale     (numerator, denominator as submitted)
 *   mean      value = sum(num) / sum(den)             (num = value × weight, den = weight)
 *   sum       value = sum(num)                        (num = value, den = 1)
 *   composite value = weighted mean of its groups' scores, computed from the components' own roll-ups
 */
// configured for the browser's Content-Security-Policy (see shared/zod.ts)
import { z } from '../shared/zod';

const localized = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict();

export const KPI_FAMILIES = [
  'transparency',
  'processing_time',
  'compliance_cost',
  'accuracy',
  'online_services',
  'digitisation',
  'satisfaction',
  'forecasting',
  'composite',
] as const;
export type KpiFamily = (typeof KPI_FAMILIES)[number];

const KPI_UNITS = ['percent', 'hours', 'days', 'vnd', 'trips', 'score', 'points'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

export const FREQUENCIES = ['daily', 'monthly', 'quarterly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const SUBMITTING_LEVELS = ['province', 'commune'] as const;
export type SubmittingLevel = (typeof SUBMITTING_LEVELS)[number];

/** Band ids, best first. A KPI uses a subset, in this order; colours are keyed on the id. */
export const BAND_IDS = ['good', 'fair', 'average', 'weak', 'poor'] as const;
export type BandId = (typeof BAND_IDS)[number];

/** A closed range of valid input values. */
const range = z
  .object({ min: z.number(), max: z.number() })
  .strict()
  .refine((r) => r.min <= r.max, { message: 'min must not exceed max' });

const input = z
  .object({
    label: localized,
    range,
    /** true when the input counts things (dossiers, procedures): it must be a whole number. */
    integer: z.boolean(),
  })
  .strict();

const ratioKind = z
  .object({
    kind: z.literal('ratio'),
    numerator: input,
    denominator: input,
    /** 100 for a percentage. */
    scale: z.number().positive(),
    /** true when the numerator counts a subset of the denominator (so num ≤ den). */
    numeratorWithinDenominator: z.boolean(),
  })
  .strict();

const meanKind = z
  .object({
    kind: z.literal('mean'),
    /** the mean value as submitted (e.g. hours per dossier). */
    value: input,
    /** how many observations the mean stands for (e.g. dossiers); it weights the mean upward. */
    weight: input,
  })
  .strict();

const sumKind = z
  .object({
    kind: z.literal('sum'),
    value: input,
  })
  .strict();

const compositeKind = z
  .object({
    kind: z.literal('composite'),
    groups: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z_]+$/),
            name: localized,
            /** points out of the index's total. */
            weight: z.number().positive(),
            kpiIds: z.array(z.string()).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export const kpiDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case'),
    name: localized,
    description: localized,
    family: z.enum(KPI_FAMILIES),
    unit: z.enum(KPI_UNITS),
    measure: z.discriminatedUnion('kind', [ratioKind, meanKind, sumKind, compositeKind]),
    direction: z.enum(['higher_is_better', 'lower_is_better']),
    /** decimals shown to users. */
    decimals: z.number().int().min(0).max(3),
    target: z.object({ value: z.number(), by: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).strict(),
    /**
     * Best first. For higher_is_better a value belongs to the first band whose `bound` it reaches
     * (value ≥ bound); for lower_is_better, the first band it stays within (value ≤ bound). The last
     * band has no bound and takes the rest.
     */
    bands: z
      .array(
        z
          .object({
            id: z.enum(BAND_IDS),
            label: localized,
            bound: z.number().nullable(),
          })
          .strict(),
      )
      .min(2),
    /**
     * How a value maps to a 0–100 score for the composite index: `best` scores 100, `worst` 0,
     * linear between and clamped.
     */
    scoring: z.object({ best: z.number(), worst: z.number() }).strict(),
    frequency: z.enum(FREQUENCIES),
    submittedAt: z.enum(SUBMITTING_LEVELS),
    /** days after the end of a period by which its report is due (Asia/Ho_Chi_Minh). */
    deadlineDaysAfterPeriod: z.number().int().min(0).max(90),
  })
  .strict();

export type KpiDefinition = z.infer<typeof kpiDefinitionSchema>;
export type KpiMeasure = KpiDefinition['measure'];
export type MeasuredKpi = KpiDefinition & { measure: Exclude<KpiMeasure, { kind: 'composite' }> };
export type CompositeKpi = KpiDefinition & { measure: Extract<KpiMeasure, { kind: 'composite' }> };

export function isComposite(kpi: KpiDefinition): kpi is CompositeKpi {
  return kpi.measure.kind === 'composite';
}
