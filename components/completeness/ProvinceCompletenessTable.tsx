'use client';
/** The counts and rates behind the chart, one row per province, with the scope's total at the foot. */
import type { Completeness, ProvinceCompleteness } from '../wireTypes';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { formatRate, rateBand } from './completenessView';

type Counts = Pick<ProvinceCompleteness, 'units' | 'unitsComplete' | 'expected' | 'submitted' | 'onTime' | 'late' | 'missing' | 'reportingRate' | 'onTimeRate'>;

export function ProvinceCompletenessTable({
  provinces,
  total,
  selectedId,
  onSelect,
  due,
}: {
  provinces: readonly ProvinceCompleteness[];
  total: Completeness['total'];
  selectedId: number | null;
  /** chooses a province by code; absent when choosing means nothing */
  onSelect?: (code: string) => void;
  /** every report of the period is due: rates are drawn in their bands (not while still filling up) */
  due: boolean;
}) {
  const { t, locale } = useLocale();
  const n = (v: number) => formatNumber(v, 0, locale);
  const cells = (c: Counts) => (
    <>
      <td className="num">
        {n(c.unitsComplete)}/{n(c.units)}
      </td>
      <td className="num">{n(c.expected)}</td>
      <td className="num">{n(c.submitted)}</td>
      <td className="num">{n(c.onTime)}</td>
      <td className={`num${c.late > 0 ? ' cmp-late' : ''}`}>{n(c.late)}</td>
      <td className={`num${c.missing > 0 ? ' cmp-missing' : ''}`}>{n(c.missing)}</td>
      <td className="num">
        <RateBar rate={c.reportingRate} due={due} />
      </td>
      <td className={`num rate-band-${rateBand(c.onTimeRate, due) ?? 'none'}`}>{formatRate(c.onTimeRate, locale)}</td>
    </>
  );
  return (
    <div className="table-scroll completeness-table-scroll">
      <table className="data completeness-table" data-testid="completeness-table">
        <caption className="sr-only">{t('completenessTableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('province')}</th>
            <th scope="col" className="num" title={t('completenessUnitsComplete')}>
              {t('completenessUnitsComplete')}
            </th>
            <th scope="col" className="num">{t('completenessExpected')}</th>
            <th scope="col" className="num">{t('completenessSubmitted')}</th>
            <th scope="col" className="num">{t('completenessOnTime')}</th>
            <th scope="col" className="num">{t('completenessLate')}</th>
            <th scope="col" className="num">{t('completenessMissing')}</th>
            <th scope="col" className="num">{t('completenessReportingRate')}</th>
            <th scope="col" className="num">{t('completenessOnTimeRate')}</th>
          </tr>
        </thead>
        <tbody>
          {provinces.map((p) => (
            <tr key={p.id} className={p.id === selectedId ? 'selected' : undefined} data-testid={`completeness-row-${p.code}`}>
              <th scope="row">
                {onSelect ? (
                  <button
                    type="button"
                    className="link-button"
                    aria-pressed={p.id === selectedId}
                    aria-label={t('completenessShowUnits', { name: p.name })}
                    onClick={() => onSelect(p.code)}
                  >
                    {p.name}
                  </button>
                ) : (
                  p.name
                )}
              </th>
              {cells(p)}
            </tr>
          ))}
        </tbody>
        {provinces.length > 1 ? (
          <tfoot>
            <tr>
              <th scope="row">{t('completenessTotal')}</th>
              {cells(total)}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** A rate as a number with a thin bar behind it, so a column of rates reads at a glance. */
function RateBar({ rate, due }: { rate: number | null; due: boolean }) {
  const { locale } = useLocale();
  return (
    <span className="rate-bar">
      <span className={`rate-bar-fill rate-fill-${rateBand(rate, due) ?? 'none'}`} style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} aria-hidden="true" />
      <span className="rate-bar-text">{formatRate(rate, locale)}</span>
    </span>
  );
}
