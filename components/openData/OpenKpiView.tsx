/**
 * /du-lieu-mo/<kpi>: one KPI for the public — its definition, method and data-as-of, a GET form
 * for units and periods, the published values as a table, and the same selection as files.
 * A server component: no JavaScript is needed to read, choose or download.
 */
import { formatNumber } from '../format';
import { getTranslations } from 'next-intl/server';
import { CELL_STATUS_LABELS, FREQUENCY_LABELS, LEVEL_LABELS, type Bilingual, type OpenLocale } from '../../shared/openData/texts';
import type { OpenKpi, OpenLicence, OpenUnit, OpenValuesTable } from '../../shared/openData/types';
import { LicenceNote } from './LicenceNote';
import { OpenDataHeader } from './OpenDataHeader';
import { dateLabel } from './OpenDataIndex';
import { OPEN_DATA_PATH, OPEN_VALUES_API, withQuery } from './openDataLinks';
import { UnitOptions } from './UnitOptions';

/** The form's fields as the reader sent them (strings, as in the URL). */
export interface OpenKpiSelection {
  unit: string;
  period: string;
  year: string;
  from: string;
  to: string;
}

export interface OpenKpiViewProps {
  locale: OpenLocale;
  kpi: OpenKpi;
  provinces: OpenUnit[];
  years: number[];
  licence: OpenLicence;
  selection: OpenKpiSelection;
  result: { table: OpenValuesTable } | { problem: Bilingual };
}

/** More periods than this make the table too wide; the files have them all. */
const MAX_COLUMNS = 31;

function periodHeading(period: string, locale: OpenLocale): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (day) return `${day[3]}/${day[2]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return locale === 'vi' ? `${month[2]}/${month[1]}` : period;
  const quarter = /^(\d{4})-Q(\d)$/.exec(period);
  return quarter ? `Q${quarter[2]}/${quarter[1]}` : period;
}

export async function OpenKpiView({ locale, kpi, provinces, years, licence, selection, result }: OpenKpiViewProps) {
  const t = await getTranslations({ locale });
  const path = `${OPEN_DATA_PATH}/${kpi.id}`;
  const range = selection.from || selection.to ? { from: selection.from, to: selection.to } : { year: selection.year };
  const query = { kpi: kpi.id, unit: selection.unit, period: selection.period, ...range };
  const files: Array<[string, Record<string, string>]> = [
    [t('openDataFormatCsv'), { format: 'csv' }],
    [t('openDataFormatCsvComma'), { format: 'csv', separator: 'comma' }],
    [t('openDataFormatXlsx'), { format: 'xlsx' }],
    [t('openDataFormatJson'), { format: 'json' }],
  ];
  const facts: Array<[string, string]> = [
    [t('openDataDefinition'), kpi.description[locale]],
    [t('openDataMethod'), kpi.method[locale]],
    [t('openDataUnitOfMeasure'), kpi.unitName[locale]],
    [t('openDataFrequency'), FREQUENCY_LABELS[kpi.frequency][locale]],
    [t('openDataDirection'), kpi.direction === 'higher_is_better' ? t('openDataHigherIsBetter') : t('openDataLowerIsBetter')],
    [t('openDataTarget'), t('openDataTargetBy', { value: `${formatNumber(kpi.target.value, kpi.decimals, locale)}`, date: dateLabel(kpi.target.by, locale) })],
    [t('openDataSubmittedBy'), LEVEL_LABELS[kpi.submittedAt][locale]],
    [t('openDataDeadline'), t('openDataDeadlineDays', { days: kpi.deadlineDaysAfterPeriod })],
  ];
  return (
    <main className="od-page" lang={locale}>
      <p className="small">
        <a href={withQuery(OPEN_DATA_PATH, {}, locale)}>{t('openDataBack')}</a>
      </p>
      <OpenDataHeader title={kpi.name[locale]} locale={locale} otherLanguageHref={withQuery(path, { unit: selection.unit, period: selection.period, ...range }, locale === 'vi' ? 'en' : 'vi')}>
        <p className="od-asof" data-testid="data-as-of">
          {kpi.publishedThrough ? t('openDataDataAsOf', { date: dateLabel(kpi.publishedThrough, locale) }) : t('openDataNoPublished')}
        </p>
      </OpenDataHeader>

      <section className="panel od-section">
        <dl className="od-facts">
          {facts.map(([label, text]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{text}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="panel od-section" aria-labelledby="od-values">
        <h2 id="od-values">{t('openDataValues')}</h2>
        <form className="od-form" method="get" action={path} data-testid="values-form">
          <label>
            <span>{t('openDataUnits')}</span>
            <select name="unit" defaultValue={selection.unit}>
              <UnitOptions provinces={provinces} locale={locale} />
            </select>
          </label>
          {kpi.periods.length > 1 ? (
            <label>
              <span>{t('openDataPeriod')}</span>
              <select name="period" defaultValue={selection.period}>
                {kpi.periods.map((p) => (
                  <option key={p} value={p}>
                    {FREQUENCY_LABELS[p][locale]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            <span>{t('openDataYear')}</span>
            <select name="year" defaultValue={selection.year}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
          {locale === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
          <button type="submit" className="od-primary">
            {t('openDataShow')}
          </button>
        </form>

        {'problem' in result ? (
          <p className="od-problem" role="alert">
            <strong>{t('openDataProblem')}:</strong> {result.problem[locale]}
          </p>
        ) : (
          <>
            <p className="od-downloads">
              <span>{t('openDataDownload')}:</span>
              {files.map(([label, extra]) => (
                <a key={extra.format + (extra.separator ?? '')} href={withQuery(OPEN_VALUES_API, { ...query, ...extra }, locale)} data-testid={`download-${extra.format}${extra.separator ? `-${extra.separator}` : ''}`}>
                  {label}
                </a>
              ))}
            </p>
            <ValuesGrid table={result.table} locale={locale} />
          </>
        )}
      </section>

      <LicenceNote licence={licence} locale={locale} />
    </main>
  );
}

async function ValuesGrid({ table, locale }: { table: OpenValuesTable; locale: OpenLocale }) {
  const t = await getTranslations({ locale });
  if (table.periods.length === 0) return <p className="muted">{t('openDataNoPublished')}</p>;
  if (table.periods.length > MAX_COLUMNS) return <p className="muted">{t('openDataTooManyColumns', { count: table.periods.length })}</p>;
  const byUnit = new Map<string, Map<string, OpenValuesTable['rows'][number]>>();
  for (const row of table.rows) {
    const cells = byUnit.get(row.unitCode) ?? new Map<string, OpenValuesTable['rows'][number]>();
    cells.set(row.period, row);
    byUnit.set(row.unitCode, cells);
  }
  return (
    <>
      <div className="od-table-scroll" tabIndex={0} role="region" aria-labelledby="od-values">
        <table className="data od-values" data-testid="open-values">
          <thead>
            <tr>
              <th scope="col">{t('openDataUnit')}</th>
              {table.periods.map((p) => (
                <th key={p} scope="col" className="num">
                  {periodHeading(p, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.units.map((u) => (
              <tr key={u.code} data-code={u.code}>
                <th scope="row">
                  <span className="muted small">{u.code}</span> {u.name}
                </th>
                {table.periods.map((p) => {
                  const cell = byUnit.get(u.code)?.get(p);
                  return (
                    <td key={p} className="num" data-period={p}>
                      {cell?.status === 'published' ? (
                        formatNumber(cell.value, table.kpi.decimals, locale)
                      ) : cell?.status === 'pending_approval' ? (
                        <span className="od-pending">{CELL_STATUS_LABELS.pending_approval[locale]}</span>
                      ) : (
                        <span aria-label={CELL_STATUS_LABELS.no_data[locale]}>—</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="small muted">
        {table.kpi.unitName[locale]} · {t('openDataLegend')}
      </p>
    </>
  );
}
