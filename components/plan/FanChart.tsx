'use client';
/** The forecast's fan chart (the option is built in fanChartOption.ts), drawn by the lazy EChart. */
import { useMemo } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { ForecastResult } from '../../shared/forecast/types';
import { EChart } from '../charts/EChart';
import { useChartTheme } from '../charts/useChartTheme';
import { useLocale } from '../i18n/LocaleProvider';
import { unitLabel } from '../kpi/units';
import { fanChartOption, type FanUnit, type PlanInterval } from './fanChartOption';

/** The chart fills its box (.plan-chart-box: the height beside the backtest panel, at least 420 px). */
export function FanChart({ result, units, interval, kpi, ariaLabel }: { result: ForecastResult; units: readonly FanUnit[]; interval: PlanInterval; kpi: KpiDefinition; ariaLabel: string }) {
  const { t, locale } = useLocale();
  const theme = useChartTheme();
  const option = useMemo(
    () =>
      fanChartOption({
        result,
        units,
        interval,
        kpi,
        theme,
        locale,
        text: {
          target: t('target'),
          forecastStart: t('planForecastStart'),
          actual: t('planActual'),
          forecast: t('planForecast'),
          band80: t('planBand80'),
          band95: t('planBand95'),
          unit: unitLabel(kpi.unit, locale),
        },
      }),
    [result, units, interval, kpi, theme, locale, t],
  );
  return (
    <div className="plan-chart-box">
      <div className="plan-chart-fill">
        <EChart option={option} height="100%" ariaLabel={ariaLabel} testId="fan-chart" />
      </div>
    </div>
  );
}
