'use client';
/**
 * Beside the fan chart: for each unit compared, how far to trust its forecast. The verdict in a
 * plain sentence (too short a history, too noisy to beat the seasonal-naive baseline, or usable),
 * the model the backtest chose, and the backtest's errors: MAPE, MASE against the seasonal naive
 * and the share of held-out points the 80 % and 95 % intervals caught.
 */
import type { ForecastModel, UnitForecast } from '../../shared/forecast/types';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';
import type { FanUnit } from './fanChartOption';

/** Model ids as the forecast engine names them (server/forecast/), in words; an unknown id is shown as it is. */
const MODEL_WORDS: Record<string, MessageKey> = {
  mstl_ets: 'planModelMstlEts',
  auto_ets: 'planModelAutoEts',
  ets: 'planModelAutoEts',
  seasonal_naive: 'planModelSeasonalNaive',
  naive: 'planModelNaive',
  prophet: 'planModelProphet',
  arima: 'planModelArima',
};

export function ForecastQuality({ units, forecasts }: { units: readonly FanUnit[]; forecasts: readonly UnitForecast[] }) {
  const { t } = useLocale();
  return (
    <section className="panel plan-quality" aria-labelledby="plan-quality-title" data-testid="forecast-quality">
      <h2 id="plan-quality-title">{t('planQualityTitle')}</h2>
      {units.map((unit) => {
        const f = forecasts.find((x) => x.orgUnitId === unit.id);
        return f ? <UnitQuality key={unit.id} unit={unit} forecast={f} showName={units.length > 1} /> : null;
      })}
    </section>
  );
}

function UnitQuality({ unit, forecast, showName }: { unit: FanUnit; forecast: UnitForecast; showName: boolean }) {
  const { t, locale } = useLocale();
  const n = (v: number, d: number) => formatNumber(v, d, locale);
  const { backtest, model } = forecast;
  return (
    <div className="plan-quality-unit" data-testid="forecast-quality-unit" data-verdict={forecast.verdict}>
      {showName ? (
        <h3>
          <span className="plan-swatch" style={{ background: unit.color }} aria-hidden="true" /> {unit.name}
        </h3>
      ) : null}
      <p className={`plan-verdict plan-verdict-${forecast.verdict}`} data-testid="forecast-verdict">
        <VerdictSentence forecast={forecast} />
      </p>
      {model ? (
        <p className="small">
          <strong>{t('planModel')}:</strong> <ModelWords model={model} />
        </p>
      ) : null}
      {backtest ? (
        <dl className="plan-scores small">
          <dt>{t('planMape')}</dt>
          <dd data-testid="backtest-mape">{n(backtest.mape, 1)}&nbsp;%</dd>
          <dt>
            {t('planMase')} <span className="muted">({t('planMaseHint')})</span>
          </dt>
          <dd data-testid="backtest-mase">{n(backtest.mase, 2)}</dd>
          <dt>{t('planBaselineMape')}</dt>
          <dd>{n(backtest.baselineMape, 1)}&nbsp;%</dd>
          <dt>{t('planCoverage')}</dt>
          <dd data-testid="backtest-coverage">
            {n(backtest.coverage80 * 100, 0)}&nbsp;% / {n(backtest.coverage95 * 100, 0)}&nbsp;%
          </dd>
          <dt className="muted">{t('planBacktest')}</dt>
          <dd className="muted">{t('planBacktestSpan', { origins: backtest.origins, points: backtest.points })}</dd>
        </dl>
      ) : null}
    </div>
  );
}

function VerdictSentence({ forecast }: { forecast: UnitForecast }) {
  const { t, locale } = useLocale();
  const n = (v: number, d: number) => formatNumber(v, d, locale);
  const { backtest } = forecast;
  switch (forecast.verdict) {
    case 'too_short':
      return forecast.needed !== undefined ? <>{t('planVerdictTooShort', { have: forecast.history.length, needed: forecast.needed })}</> : <>{t('planVerdictTooShortPlain')}</>;
    case 'too_noisy':
      return <>{t('planVerdictTooNoisy', { mape: backtest ? n(backtest.mape, 1) : '—', baseline: backtest ? n(backtest.baselineMape, 1) : '—' })}</>;
    case 'ok':
      return <>{t('planVerdictOk', { mape: backtest ? n(backtest.mape, 1) : '—', baseline: backtest ? n(backtest.baselineMape, 1) : '—' })}</>;
  }
}

/** whether calibration widened the library's intervals (a factor of 1 leaves them as they were) */
const widened = (m: ForecastModel) => m.intervalWidening > 1.005 || (m.intervalWidening95 ?? 1) > 1.005;

/** "1,20" or, when the 95 % interval has its own factor, "1,20 (80 %), ×1,35 (95 %)" */
function wideningText(m: ForecastModel, locale: 'vi' | 'en'): string {
  const f80 = formatNumber(m.intervalWidening, 2, locale);
  return m.intervalWidening95 === undefined ? f80 : `${f80} (80\u00a0%), ×${formatNumber(m.intervalWidening95, 2, locale)} (95\u00a0%)`;
}

function ModelWords({ model }: { model: ForecastModel }) {
  const { t, locale } = useLocale();
  const words = MODEL_WORDS[model.id];
  const details = [
    model.transform === 'log' ? t('planTransformLog') : model.transform === 'logit' ? t('planTransformLogit') : null,
    model.seasonLengths.length > 0 ? t('planSeasons', { lengths: model.seasonLengths.map((s) => formatNumber(s, Number.isInteger(s) ? 0 : 2, locale)).join(', ') }) : null,
    model.tet ? t('planTet') : null,
    widened(model) ? t('planWidened', { factor: wideningText(model, locale) }) : null,
  ].filter((d): d is string => d !== null);
  return (
    <>
      {words ? t(words) : model.id}
      {details.length > 0 ? <span className="muted"> — {details.join('; ')}</span> : null}
    </>
  );
}
