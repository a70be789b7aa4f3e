/**
 * The demo simulator: every few seconds a few provinces send what their one-stop-shop systems
 * would — dossiers resolved, filed online, satisfaction responses — for the daily KPIs, through the
 * real ingestion path. Now and then a province has a bad spell (a breach), so alerts fire.
 */
import type { MeasuredKpi } from '../../kpi-definitions/schema';
import { baseQuality, DEFAULT_SEED, demoMeasurement, IMPROVEMENT, prng, QUALITY_NOISE, seasonality } from '../../seed/history';
import { periodStart } from '../domain/periods';
import type { AppContext } from '../appContext';
import type { Principal } from '../auth/principal';
import type { MeasurementInput } from '../domain/validateMeasurementBatch';
import { ingestMeasurements } from '../services/ingestMeasurements';

export interface SimulatorOptions {
  intervalMs?: number;
  /** chance that a province's report in a tick is a breach */
  breachRate?: number;
}

/** Daily KPIs the simulator feeds: those provinces report. */
export function simulatedKpis(app: AppContext): MeasuredKpi[] {
  return app.catalogue.measured.filter((k): k is MeasuredKpi => k.frequency === 'daily' && k.submittedAt === 'province');
}

/** One tick's rows: a few provinces report every daily KPI at `now`; a breach now and then. */
export function simulatedBatch(app: AppContext, random: () => number, now: Date, breachRate: number): MeasurementInput[] {
  const kpis = simulatedKpis(app);
  const provinces = [...app.orgUnits().provinces()].sort(() => random() - 0.5).slice(0, 2 + Math.floor(random() * 3));
  // The level the seeded history has reached today: the live feed continues it rather than
  // sitting below it (which made province after province look as if it had dropped a band).
  const season = seasonality(periodStart('daily', now), 1).quality;
  return provinces.flatMap((p, i) => {
    const breach = random() < breachRate;
    return kpis.map((kpi) => {
      const quality = baseQuality(DEFAULT_SEED, kpi, p, p) + IMPROVEMENT + season + QUALITY_NOISE * (random() - 0.5) - (breach ? 0.6 : 0);
      // distinct instants per row: the key is (KPI, unit, time)
      const ts = new Date(now.getTime() - i);
      const m = demoMeasurement(kpi, p, ts, quality, 20 + 60 * random());
      return {
        kpiId: m.kpiId,
        orgUnitCode: p.code,
        time: ts.toISOString(),
        ...(kpi.measure.kind === 'ratio' ? { numerator: m.num, denominator: m.den } : { value: Math.round((m.num / m.den) * 100) / 100, weight: m.den }),
      };
    });
  });
}

export function startSimulator(app: AppContext, options: SimulatorOptions = {}): () => void {
  const intervalMs = options.intervalMs ?? 3000;
  const breachRate = options.breachRate ?? 0.04;
  const random = prng(Date.now());
  const principal: Principal = { kind: 'system', name: 'system:simulator', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
  console.log(`[simulator] feeding ${simulatedKpis(app).length} daily KPIs for a few provinces every ${intervalMs / 1000} s`);

  let busy = false;
  const tick = () => ingestMeasurements(app, principal, simulatedBatch(app, random, new Date(), breachRate), { source: 'simulator' });
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    tick()
      .catch((err) => console.error('[simulator] tick failed:', err))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
