/**
 * Alerts: after a batch lands, each KPI it touched is checked in each province it touched —
 * has the current period's value fallen out of the province's usual band (the band of its
 * history's median), or is it an outlier against that history (modified z-score)? New alerts are stored once and announced; a leader
 * acknowledges them and they leave every panel.
 */
import { BAND_IDS, type Frequency, type MeasuredKpi } from '../../kpi-definitions/schema';
import { bandFor } from '../../kpi-definitions/bands';
import type { AppContext } from '../appContext';
import type { Principal } from '../auth/principal';
import { acknowledgeAlert, getAlert, insertAlert, listOpenAlerts, type AlertRow } from '../db/queries/alerts';
import { getChildSums, type ChildSumRow } from '../db/queries/rollups';
import { valueFromSums } from '../domain/aggregate';
import { isOutlier, median } from '../domain/outliers';
import { addPeriods, periodStart } from '../domain/periods';
import { AppError } from '../errors';
import type { MeasurementsLanded } from '../realtime/bus';
import type { AlertPayload } from '../realtime/events';

/** Periods of history an outlier is judged against. */
const HISTORY_PERIODS: Record<Frequency, number> = { daily: 30, monthly: 24, quarterly: 8 };

export function toAlertPayload(app: AppContext, row: AlertRow): AlertPayload {
  const unit = app.orgUnits().get(row.org_unit_id);
  return {
    id: row.id,
    kpiId: row.kpi_id,
    orgUnitId: row.org_unit_id,
    orgUnitCode: unit.code,
    orgUnitName: unit.name,
    kind: row.kind,
    period: row.period,
    value: row.value,
    reference: row.reference,
    band: row.band,
    createdAt: row.created_at,
  };
}

/** Checks what a landed batch touched; returns the alerts it raised (already announced). */
export async function evaluateAlerts(app: AppContext, event: Pick<MeasurementsLanded, 'kpiIds' | 'provinceIds'>, now = new Date()): Promise<AlertPayload[]> {
  const kpis = event.kpiIds.map((id) => app.catalogue.byId.get(id)).filter((k): k is MeasuredKpi => !!k && k.measure.kind !== 'composite');
  const provinces = new Set(event.provinceIds);
  const raised: AlertPayload[] = [];
  for (const kpi of kpis) {
    const current = periodStart(kpi.frequency, now);
    const rows = await getChildSums(app.db, {
      kpiIds: [kpi.id],
      granularity: kpi.frequency,
      parent: { level: 'nation' },
      from: addPeriods(current, kpi.frequency, -HISTORY_PERIODS[kpi.frequency]),
      to: addPeriods(current, kpi.frequency, 1),
    });
    const byProvince = new Map<number, ChildSumRow[]>();
    for (const r of rows) if (provinces.has(r.child_id)) byProvince.set(r.child_id, [...(byProvince.get(r.child_id) ?? []), r]);

    for (const [provinceId, series] of byProvince) {
      const values = series.map((r) => ({ period: r.period, value: valueFromSums(kpi.measure, r.num, r.den) })).filter((p): p is { period: Date; value: number } => p.value !== null);
      const latest = values.at(-1);
      if (!latest) continue;
      const band = bandFor(kpi, latest.value);
      const history = values.slice(0, -1).map((p) => p.value);
      if (history.length < 3) continue;
      // "Its band" is where the province usually is (the median of its history), not wherever
      // yesterday's noise put it: a value that falls below its usual band raises an alert.
      const usual = median(history);
      const usualBand = bandFor(kpi, usual);
      const candidates: Array<{ kind: AlertRow['kind']; reference: string }> = [];
      if (BAND_IDS.indexOf(band) > BAND_IDS.indexOf(usualBand)) candidates.push({ kind: 'band_drop', reference: usualBand });
      if (isOutlier(latest.value, history)) candidates.push({ kind: 'outlier', reference: String(usual) });
      for (const c of candidates) {
        const row = await insertAlert(app.db, { kpi_id: kpi.id, org_unit_id: provinceId, period: latest.period, kind: c.kind, value: latest.value, reference: c.reference, band });
        if (!row) continue;
        const payload = toAlertPayload(app, row);
        raised.push(payload);
        app.bus.emit('alertRaised', payload);
      }
    }
  }
  return raised;
}

export async function listAlerts(app: AppContext, q: { provinceId?: number; limit?: number }): Promise<AlertPayload[]> {
  const rows = await listOpenAlerts(app.db, { provinceId: q.provinceId, limit: q.limit ?? 50 });
  return rows.map((r) => toAlertPayload(app, r));
}

export async function acknowledge(app: AppContext, principal: Principal, id: number): Promise<{ id: number }> {
  const alert = await getAlert(app.db, id);
  if (!alert) throw new AppError('NOT_FOUND', { vi: 'Không tìm thấy cảnh báo', en: 'Alert not found' });
  const tree = app.orgUnits();
  if (!tree.isWithin(alert.org_unit_id, principal.scopeUnitId)) {
    throw new AppError('FORBIDDEN', { vi: 'Cảnh báo này ngoài phạm vi của bạn', en: 'This alert is outside your scope' });
  }
  const row = await acknowledgeAlert(app.db, id, principal.name);
  if (row) app.bus.emit('alertAcknowledged', { id, provinceId: tree.get(alert.org_unit_id).provinceId });
  return { id };
}

/** Runs the checks after every batch written by this instance; failures are logged, never lost data. */
export function watchForAlerts(app: AppContext): () => void {
  let queue = Promise.resolve();
  const onLanded = (event: MeasurementsLanded) => {
    if (event.origin !== 'local') return;
    queue = queue.then(() => evaluateAlerts(app, event).then(() => undefined)).catch((err) => console.error('[alerts] evaluation failed:', err));
  };
  app.bus.on('measurementsLanded', onLanded);
  return () => app.bus.off('measurementsLanded', onLanded);
}
