/**
 * What open data gives out, as the API's JSON and the public pages' props alike: plain values,
 * no database rows. server/services/openData.ts builds them.
 */
import type { Frequency, KpiDefinition } from '../../kpi-definitions/schema';
import type { OrgLevel } from '../domain/orgUnitTree';
import type { Bilingual, OpenCellStatus } from './texts';

export interface OpenUnit {
  code: string;
  name: string;
  level: OrgLevel;
  /** the province's code, for a commune */
  provinceCode: string | null;
}

export interface OpenValueRow {
  unitCode: string;
  unitName: string;
  level: OrgLevel;
  /** 2026-11-27, 2026-11 or 2026-Q4 (local time) */
  period: string;
  /** null unless `status` is `published` */
  value: number | null;
  status: OpenCellStatus;
}

export interface OpenLicence {
  id: string;
  url: string;
  name: Bilingual;
  publisher: Bilingual;
  attribution: Bilingual;
  terms: Bilingual;
  publicationRule: Bilingual;
}

export interface OpenKpi {
  id: string;
  name: Bilingual;
  description: Bilingual;
  family: KpiDefinition['family'];
  unit: KpiDefinition['unit'];
  unitName: Bilingual;
  decimals: number;
  direction: KpiDefinition['direction'];
  target: KpiDefinition['target'];
  frequency: Frequency;
  submittedAt: KpiDefinition['submittedAt'];
  deadlineDaysAfterPeriod: number;
  method: Bilingual;
  /** the periods a download may be cut into */
  periods: Frequency[];
  /** the newest period published (its own frequency), and the local date it ends on; null before any */
  latestPublishedPeriod: string | null;
  publishedThrough: string | null;
}

export interface OpenValuesTable {
  kpi: OpenKpi;
  period: Frequency;
  /** the range asked for */
  from: string;
  to: string;
  /** the published periods within the range, in order; later ones are not out yet */
  periods: string[];
  units: OpenUnit[];
  /** unit by unit (in the units' order), period by period */
  rows: OpenValueRow[];
  licence: OpenLicence;
}
