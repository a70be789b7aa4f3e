'use client';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { useLocale } from '../i18n/LocaleProvider';
import { useKpiCatalogue } from './useKpiCatalogue';

/** A labelled select of KPIs (optionally filtered). */
export function KpiSelect({ value, onChange, label, filter }: { value: string; onChange: (id: string) => void; label: string; filter?: (k: KpiDefinition) => boolean }) {
  const { l } = useLocale();
  const { all } = useKpiCatalogue();
  return (
    <label className="select">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="kpi-select">
        {all.filter((k) => !filter || filter(k)).map((k) => (
          <option key={k.id} value={k.id}>
            {l(k.name)}
          </option>
        ))}
      </select>
    </label>
  );
}
