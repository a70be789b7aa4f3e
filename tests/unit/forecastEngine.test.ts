/**
 * The forecasting engine (server/forecast/forecastSeries.ts) on series of known structure, made
 * here with a seeded random generator: a pure trend, a trend with a yearly season, a level shift,
 * a history too short to backtest, and, over many simulated series, how often the calibrated
 * intervals hold the values that came next.
 */
import { describe, expect, it } from 'vitest';
import { forecastSeries, periodsNeeded, type SeriesToForecast } from '../../server/forecast/forecastSeries';
import { TRANSFORMS } from '../../server/forecast/transforms';
import { prng } from '../../seed/random';
import { addPeriods } from '../../shared/domain/periods';

/** 1 January 2021, local midnight */
const START = new Date('2020-12-31T17:00:00Z');

function monthly(values: number[], transform: SeriesToForecast['transform'] = TRANSFORMS.log, horizon = 12): SeriesToForecast {
  return { frequency: 'monthly', periods: values.map((_, i) => addPeriods(START, 'month', i)), values, transform, horizon };
}

/** a standard normal draw (Box–Muller) from a uniform generator */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

describe('forecastSeries', () => {
  it('follows a pure trend and beats the seasonal-naive baseline', () => {
    const random = prng(1);
    const values = Array.from({ length: 36 }, (_, i) => 200 + 3 * i + 2 * normal(random));
    const r = forecastSeries(monthly(values));
    expect(r.verdict).toBe('ok');
    expect(r.model!.id).not.toBe('seasonal_naive');
    expect(r.backtest!.mape).toBeLessThan(r.backtest!.baselineMape);
    expect(r.backtest!.mase).toBeLessThan(1);
    // twelve months on, the trend says 200 + 3·47 = 341
    expect(r.forecast[11]!.mean).toBeGreaterThan(320);
    expect(r.forecast[11]!.mean).toBeLessThan(360);
    expect(r.forecast[11]!.lo95).toBeLessThan(341);
    expect(r.forecast[11]!.hi95).toBeGreaterThan(341);
  });

  it('on a trend with a yearly season, the seasonal model beats both seasonal-naive and the non-seasonal model', () => {
    const random = prng(2);
    const values = Array.from({ length: 60 }, (_, i) => (100 + 1.5 * i) * (1 + 0.2 * Math.sin((2 * Math.PI * i) / 12)) * (1 + 0.02 * normal(random)));
    const r = forecastSeries(monthly(values));
    const score = (id: string) => r.candidates.find((c) => c.id === id)!;
    expect(r.model).toMatchObject({ id: 'mstl_ets', seasonLengths: [12], transform: 'log' });
    expect(score('mstl_ets').mae).toBeLessThan(score('seasonal_naive').mae);
    expect(score('mstl_ets').mae).toBeLessThan(score('auto_ets').mae);
    expect(r.backtest!.mape).toBeLessThan(r.backtest!.baselineMape);
    // the season carried forward: the forecast peaks in the month the history peaks in (April, i ≡ 3)
    const peak = r.forecast.reduce((best, f, i) => (f.mean > r.forecast[best]!.mean ? i : best), 0);
    expect((60 + peak) % 12).toBe(3);
  });

  it('after a level shift, forecasts the new level', () => {
    const random = prng(3);
    const values = Array.from({ length: 36 }, (_, i) => (i < 24 ? 50 : 70) + normal(random));
    const r = forecastSeries(monthly(values, TRANSFORMS.logit, 6));
    expect(r.model!.id).not.toBe('seasonal_naive');
    for (const f of r.forecast) {
      expect(f.mean).toBeGreaterThan(66);
      expect(f.mean).toBeLessThan(74);
    }
  });

  it('keeps percentages inside 0–100 % near the bound', () => {
    const random = prng(4);
    const values = Array.from({ length: 30 }, (_, i) => Math.min(99.9, 90 + 0.4 * i + 0.5 * normal(random)));
    const r = forecastSeries(monthly(values, TRANSFORMS.logit));
    for (const f of r.forecast) {
      expect(f.hi95).toBeLessThanOrEqual(100);
      expect(f.lo95).toBeGreaterThanOrEqual(0);
    }
  });

  it('says a history is too short, and how many periods it needs', () => {
    const r = forecastSeries(monthly(Array.from({ length: 10 }, (_, i) => 10 + i)));
    expect(r).toMatchObject({ verdict: 'too_short', needed: periodsNeeded('monthly'), forecast: [], model: null, backtest: null });
    expect(periodsNeeded('monthly')).toBe(18);
  });

  it('says a series is too noisy when no model beats the seasonal-naive baseline in backtest', () => {
    const random = prng(5);
    // a year and a half of calm, then months jumping at random between two levels
    const values = Array.from({ length: 30 }, (_, i) => (i < 18 ? 100 + 0.5 * random() : random() < 0.5 ? 60 + 5 * random() : 140 + 5 * random()));
    const r = forecastSeries(monthly(values));
    expect(r.verdict).toBe('too_noisy');
    expect(r.model!.id).toBe('seasonal_naive');
    expect(r.backtest!.mape).toBe(r.backtest!.baselineMape);
    expect(r.backtest!.mase).toBeGreaterThanOrEqual(1);
    // the forecast is still given, with the warning beside it
    expect(r.forecast).toHaveLength(12);
  });

  it('over many simulated series, the calibrated intervals hold about their nominal share of what came next', () => {
    const random = prng(6);
    const SERIES = 120;
    const HELD = 6;
    let inside80 = 0;
    let inside95 = 0;
    let total = 0;
    for (let s = 0; s < SERIES; s++) {
      // a random walk with drift and a yearly season, on the log scale
      const drift = 0.01 * normal(random);
      const amplitude = 0.15 * random();
      const phase = 2 * Math.PI * random();
      let level = Math.log(100);
      const values: number[] = [];
      for (let i = 0; i < 42 + HELD; i++) {
        level += drift + 0.03 * normal(random);
        values.push(Math.exp(level + amplitude * Math.sin((2 * Math.PI * i) / 12 + phase) + 0.02 * normal(random)));
      }
      const r = forecastSeries(monthly(values.slice(0, 42), TRANSFORMS.log, HELD));
      r.forecast.forEach((f, h) => {
        const y = values[42 + h]!;
        total++;
        if (y >= f.lo80 && y <= f.hi80) inside80++;
        if (y >= f.lo95 && y <= f.hi95) inside95++;
      });
    }
    expect(total).toBe(SERIES * HELD);
    expect(inside80 / total).toBeGreaterThan(0.72);
    expect(inside80 / total).toBeLessThan(0.9);
    expect(inside95 / total).toBeGreaterThan(0.88);
    expect(inside95 / total).toBeLessThanOrEqual(1);
  });
});
