'use client';
/**
 * The units still owing reports — the communes of the chosen province, or the provinces for a
 * provincial set — most overdue first, each with what it owes, its deadline and the days left or
 * overdue.
 */
import Link from 'next/link';
import { useMemo } from 'react';
import { lastDayBefore } from '../../shared/domain/daysToDeadline';
import type { Completeness } from '../wireTypes';
import { formatDate, formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { deadlineText } from './completenessView';

export function MissingUnits({ data, pending, onClear }: { data: Completeness; /** the numbers shown are the previous view's, new ones are on their way */ pending: boolean; onClear?: () => void }) {
  const { t, l, locale } = useLocale();
  const focus = data.provinces.find((p) => p.id === data.focusProvinceId) ?? null;
  const kpiName = useMemo(() => new Map(data.kpis.map((k) => [k.id, l(k.name)])), [data.kpis, l]);
  const missing = useMemo(
    () => data.units.filter((u) => u.missing > 0).sort((a, b) => (a.daysToDeadline ?? 0) - (b.daysToDeadline ?? 0) || b.missing - a.missing || a.code.localeCompare(b.code)),
    [data.units],
  );
  const title = data.level === 'commune' && focus ? t('completenessMissingUnitsOf', { name: focus.name }) : t('completenessMissingUnitsTitle');

  if (pending || (data.level === 'commune' && !focus)) {
    return (
      <section className="panel missing-units" data-testid="missing-units">
        <h2>{t('completenessMissingUnitsTitle')}</h2>
        <p className="muted">{pending ? t('loading') : t('completenessPickProvince')}</p>
      </section>
    );
  }
  const overdue = missing.filter((u) => (u.daysToDeadline ?? 0) < 0).length;
  const n = (v: number) => formatNumber(v, 0, locale);
  return (
    <section className="panel missing-units" aria-labelledby="missing-units-title" data-testid="missing-units">
      <div className="panel-head">
        <h2 id="missing-units-title">{title}</h2>
        {onClear ? (
          <button type="button" onClick={onClear}>
            {t('completenessBackToNation')}
          </button>
        ) : null}
      </div>
      {missing.length === 0 ? (
        <p className="cmp-all-in">{t('completenessAllIn')}</p>
      ) : (
        <>
          <p className="muted">{t('completenessUnitsSummary', { n: missing.length, overdue })}</p>
          <div className="table-scroll">
            <table className="data missing-units-table">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('code')}</th>
                  <th scope="col">{data.level === 'commune' ? t('commune') : t('province')}</th>
                  <th scope="col" className="num">{t('completenessMissingCount')}</th>
                  <th scope="col">{t('completenessMissingKpis')}</th>
                  <th scope="col">{t('completenessDeadline')}</th>
                  <th scope="col">{t('completenessStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {missing.map((u) => (
                  <tr key={u.id} data-testid={`missing-${u.code}`}>
                    <td>{u.code}</td>
                    <th scope="row">
                      <Link href={`/${data.level}/${u.code}`}>{u.name}</Link>
                    </th>
                    <td className="num">
                      {n(u.missing)}/{n(u.expected)}
                    </td>
                    <td className="missing-kpis">
                      {u.missing === u.expected ? t('completenessAllKpis', { n: u.expected }) : u.missingKpiIds.map((id) => kpiName.get(id) ?? id).join(', ')}
                    </td>
                    <td>{u.deadline ? formatDate(lastDayBefore(u.deadline), locale) : '—'}</td>
                    <td>
                      {u.daysToDeadline === null ? '—' : (
                        <span className={`deadline-badge ${u.daysToDeadline < 0 ? 'overdue' : u.daysToDeadline <= 1 ? 'due-soon' : 'open'}`}>{deadlineText(u.daysToDeadline, t)}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
