'use client';
/** Step 1: the KPI set (frequency and level) and its template, as XLSX or CSV. */
import { useLocale } from '../i18n/LocaleProvider';
import { FREQUENCY_LABELS, LEVEL_LABELS, type KpiSet } from './kpiSets';

function templateUrl(set: KpiSet, format: 'xlsx' | 'csv'): string {
  return `/api/v1/templates?${new URLSearchParams({ frequency: set.frequency, level: set.level, format })}`;
}

export function KpiSetPicker({ sets, selected, onSelect }: { sets: readonly KpiSet[]; selected: KpiSet; onSelect: (id: string) => void }) {
  const { t, l } = useLocale();
  return (
    <section className="panel import-step" aria-labelledby="import-step-set">
      <h2 id="import-step-set">{t('importStepSet')}</h2>
      <div className="import-set-row">
        <label className="select">
          {t('importKpiSet')}
          <select value={selected.id} onChange={(e) => onSelect(e.target.value)} data-testid="import-set">
            {sets.map((s) => (
              <option key={s.id} value={s.id}>
                {t(LEVEL_LABELS[s.level])} · {t(FREQUENCY_LABELS[s.frequency])} ({t('importKpiCount', { n: s.kpis.length })})
              </option>
            ))}
          </select>
        </label>
        <a className="button-link" href={templateUrl(selected, 'xlsx')} download data-testid="template-xlsx">
          {t('importTemplateXlsx')}
        </a>
        <a href={templateUrl(selected, 'csv')} download data-testid="template-csv">
          {t('importTemplateCsv')}
        </a>
      </div>
      <p className="muted small">{t('importTemplateHint')}</p>
      <details className="import-kpis">
        <summary>{t('importKpisInSet')}</summary>
        <ul>
          {selected.kpis.map((k) => (
            <li key={k.id}>
              <code>{k.id}</code> — {l(k.name)}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
