'use client';
/**
 * The forecast's numbers under the chart: one row per forecast period, for each unit compared its
 * forecast and the bounds of the intervals shown (lower – upper), in the viewer's number format.
 * The first row is the newest actual of each unit, so the table reads on from the history.
 */
import { Fragment } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import type { ForecastResult } from '../../shared/forecast/types';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { unitLabel } from '../kpi/units';
import type { FanUnit, PlanInterval } from './fanChartOption';

export function ForecastTable({ result, units, interval, kpi }: { result: ForecastResult; units: readonly FanUnit[]; interval: PlanInterval; kpi: KpiDefinition }) {
  const { t, l, locale } = useLocale();
  const fmt = (v: number | undefined) => formatNumber(v, kpi.decimals, locale);
  const forecasts = units.map((unit) => ({ unit, f: result.units.find((u) => u.orgUnitId === unit.id) }));
  // the periods of the longest forecast (every unit of one KPI shares them)
  const periods = forecasts.reduce<Date[]>((longest, { f }) => (f && f.forecast.length > longest.length ? f.forecast.map((p) => p.period) : longest), []);
  const show80 = interval !== '95';
  const show95 = interval !== '80';
  const perUnit = 1 + (show80 ? 1 : 0) + (show95 ? 1 : 0);
  const range = (lo: number | undefined, hi: number | undefined) => (lo === undefined || hi === undefined ? '—' : `${fmt(lo)} – ${fmt(hi)}`);

  return (
    <div className="plan-table-scroll" tabIndex={0} role="region" aria-labelledby="plan-table-title">
      <table className="data plan-table" data-testid="forecast-table">
        <caption id="plan-table-title">
          {t('planTableCaption', { kpi: l(kpi.name) })} ({unitLabel(kpi.unit, locale)})
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={units.length > 1 ? 2 : 1}>
              {t('planPeriod')}
            </th>
            {units.length > 1
              ? units.map((u) => (
                  <th key={u.id} scope="colgroup" colSpan={perUnit} className="plan-unit-head">
                    <span className="plan-swatch" style={{ background: u.color }} aria-hidden="true" /> {u.name}
                  </th>
                ))
              : null}
            {units.length === 1 ? <ColumnHeads show80={show80} show95={show95} /> : null}
          </tr>
          {units.length > 1 ? (
            <tr>
              {units.map((u) => (
                <ColumnHeads key={u.id} show80={show80} show95={show95} />
              ))}
            </tr>
          ) : null}
        </thead>
        <tbody>
          <tr className="plan-actual-row">
            <th scope="row">
              {t('planLastActual')}
            </th>
            {forecasts.map(({ unit, f }) => {
              const last = f?.history.at(-1);
              return (
                <td key={unit.id} colSpan={perUnit} className="num">
                  {last ? `${fmt(last.value)} (${periodLabel(periodUnitOf(result.frequency), last.period)})` : '—'}
                </td>
              );
            })}
          </tr>
          {periods.map((period, i) => (
            <tr key={period.getTime()} data-testid="forecast-row">
              <th scope="row">{periodLabel(periodUnitOf(result.frequency), period)}</th>
              {forecasts.map(({ unit, f }) => {
                const p = f?.forecast[i];
                return (
                  <Fragment key={unit.id}>
                    <td className="num plan-mean">{fmt(p?.mean)}</td>
                    {show80 ? <td className="num">{range(p?.lo80, p?.hi80)}</td> : null}
                    {show95 ? <td className="num muted">{range(p?.lo95, p?.hi95)}</td> : null}
                  </Fragment>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ColumnHeads({ show80, show95 }: { show80: boolean; show95: boolean }) {
  const { t } = useLocale();
  return (
    <>
      <th scope="col" className="num">
        {t('planForecast')}
      </th>
      {show80 ? (
        <th scope="col" className="num">
          {t('planBand80')}
        </th>
      ) : null}
      {show95 ? (
        <th scope="col" className="num">
          {t('planBand95')}
        </th>
      ) : null}
    </>
  );
}
