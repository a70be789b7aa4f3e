/**
 * Output schemas of the procedures whose shape is a contract many screens (and, through the open
 * data pages, the public) read. `.output()` checks at compile time that the service returns this
 * shape (its type must be assignable to the schema's input) and at run time strips anything a
 * service adds beyond it, so a new internal field never leaks onto the wire by accident.
 */
import { z } from 'zod';
import { BAND_IDS, FREQUENCIES, kpiDefinitionSchema, SUBMITTING_LEVELS } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { REGIONS, type RegionId } from '../../shared/reference/provinces';

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

/** one KPI for one unit over a range, a point per period with data (values.series) */
export const seriesOutput = z.array(z.object({ period: z.date(), value: z.number().nullable(), n: z.number().int() }));

/** every province against the service index and its groups (values.scorecard) */
export const scorecardOutput = z.object({
  period: z.date().nullable(),
  groups: z.array(z.object({ id: z.string(), name: localized, weight: z.number() })),
  rows: z.array(
    z.object({
      orgUnitId: z.number().int(),
      code: z.string(),
      name: z.string(),
      region: z.enum(Object.keys(REGIONS) as [RegionId, ...RegionId[]]).nullable(),
      index: z.number().nullable(),
      previousIndex: z.number().nullable(),
      band,
      rank: z.number().int().nullable(),
      groups: z.array(z.object({ id: z.string(), score: z.number().nullable(), previousScore: z.number().nullable() })),
    }),
  ),
});

const completenessCounts = {
  expected: z.number().int(),
  submitted: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  reportingRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
};
const unitCounts = { units: z.number().int(), unitsComplete: z.number().int(), unitsOnTime: z.number().int() };

/** who has reported a KPI set for a period, and who is missing (completeness.get) */
export const completenessOutput = z.object({
  frequency: z.enum(FREQUENCIES),
  level: z.enum(SUBMITTING_LEVELS),
  periodStart: z.date(),
  kpis: z.array(z.object({ id: z.string(), name: localized, deadline: z.date() })),
  asOf: z.date(),
  total: z.object({ ...completenessCounts, ...unitCounts }),
  provinces: z.array(z.object({ id: z.number().int(), code: z.string(), name: z.string(), ...completenessCounts, ...unitCounts })),
  focusProvinceId: z.number().int().nullable(),
  units: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      provinceId: z.number().int(),
      ...completenessCounts,
      missingKpiIds: z.array(z.string()),
      deadline: z.date().nullable(),
      daysToDeadline: z.number().int().nullable(),
    }),
  ),
});

/** an alert as a viewer sees it (alerts.open, alerts.list) */
export const alertOutput = z.object({
  id: z.number().int(),
  kpiId: z.string(),
  orgUnitId: z.number().int(),
  orgUnitCode: z.string(),
  orgUnitName: z.string(),
  provinceId: z.number().int(),
  kind: z.enum(['band_drop', 'outlier']),
  period: z.date(),
  value: z.number(),
  reference: z.string(),
  band: z.string(),
  createdAt: z.date(),
  state: z.enum(['open', 'acknowledged', 'resolved']),
  acknowledgedAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  canAcknowledge: z.boolean(),
});

/** a page of alerts with the total that match the filter (alerts.list: the /alerts page and the badge) */
export const alertPageOutput = z.object({ items: z.array(alertOutput), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

const orgUnitOutput = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: z.enum(['nation', 'province', 'commune']),
  kind: z.enum(['nation', 'province', 'city', 'commune', 'ward', 'special_zone']),
  parentId: z.number().int().nullable(),
  provinceId: z.number().int().nullable(),
  region: z.string().nullable(),
  synthetic: z.boolean(),
  active: z.boolean(),
}) satisfies z.ZodType<OrgUnit>;

/** one org unit with its path from the nation and its children (catalogue.orgUnit) */
export const orgUnitWithFamilyOutput = z.object({ unit: orgUnitOutput, path: z.array(orgUnitOutput), children: z.array(orgUnitOutput).readonly() });

/** every KPI definition, as kpi-definitions/ declares them (catalogue.kpis) */
export const kpiCatalogueOutput = z.array(kpiDefinitionSchema).readonly();

/** the regions' names (catalogue.regions) */
export const regionsOutput = z.record(z.enum(Object.keys(REGIONS) as [RegionId, ...RegionId[]]), localized);

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
