/** The KPI sets a file can be made for: each frequency and submitting level that has KPIs. */
import type { Frequency, KpiDefinition, SubmittingLevel } from '../../kpi-definitions/schema';
import type { MessageKey } from '../i18n/messages';

export interface KpiSet {
  /** `monthly-commune`, as in the URL */
  id: string;
  frequency: Frequency;
  level: SubmittingLevel;
  kpis: KpiDefinition[];
}

const FREQUENCY_ORDER: readonly Frequency[] = ['daily', 'monthly', 'quarterly'];

export const FREQUENCY_LABELS: Record<Frequency, MessageKey> = { daily: 'frequencyDaily', monthly: 'frequencyMonthly', quarterly: 'frequencyQuarterly' };
export const LEVEL_LABELS: Record<SubmittingLevel, MessageKey> = { province: 'importLevelProvince', commune: 'importLevelCommune' };

/** Commune staff report only for their commune; provincial staff and administrators for both levels. */
export function kpiSetsFor(catalogue: readonly KpiDefinition[], role: string): KpiSet[] {
  const levels: readonly SubmittingLevel[] = role === 'commune_staff' ? ['commune'] : ['commune', 'province'];
  const sets: KpiSet[] = [];
  for (const level of levels) {
    for (const frequency of FREQUENCY_ORDER) {
      const kpis = catalogue.filter((k) => k.measure.kind !== 'composite' && k.frequency === frequency && k.submittedAt === level);
      if (kpis.length > 0) sets.push({ id: `${frequency}-${level}`, frequency, level, kpis });
    }
  }
  return sets;
}
