/**
 * Alerts: after a batch lands, each KPI it touched is checked in each province it touched against
 * the province's own history (shared/domain/alertRules: a band drop beyond noise, or the one
 * outlier rule). An alert is an episode: while one of a KPI, unit and kind lasts no other is
 * raised; it ends when the unit recovers. New alerts are stored once and announced with the
 * transaction that stores them (announceChange), as are acknowledgements: a leader acknowledges
 * an alert and it leaves every panel, on every instance.
 */
import { appNow } from '../clock';
import type { Frequency, MeasuredKpi } from '../../kpi-definitions/schema';
import { bandFor } from '../../kpi-definitions/bands';
import type { AppContext } from '../appContext';
import type { Principal, Role } from '../auth/principal';
import { acknowledgeAlert, getActiveAlerts, getAlert, insertAlert, listAlertRows, resolveAlert, type AlertFilter, type AlertRow, type AlertState } from '../db/queries/alerts';
import { getChildSums, type ChildSumRow } from '../db/queries/rollups';
import { valueFromSums } from '../../shared/domain/aggregate';
import { hasRecovered, judgeValue } from '../../shared/domain/alertRules';
import { addPeriods, periodStart, periodUnitOf } from '../../shared/domain/periods';
import { AppError } from '../../shared/errors';
import { announceChange } from '../realtime/announceChange';
import type { Change, ChangeOf } from '../realtime/bus';
import type { AlertPayload } from '../../shared/realtime/events';

/** Periods of history an outlier is judged against. */
const HISTORY_PERIODS: Record<Frequency, number> = { daily: 30, monthly: 24, quarterly: 8 };
/** Roles that acknowledge alerts (within their scope): the router admits these, the lists offer the button to them. */
export const ACKNOWLEDGING_ROLES: readonly Role[] = ['leader', 'admin'];

/** An alert as a list shows it to one viewer. */
export interface AlertView extends AlertPayload {
  state: AlertState;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  /** whether this viewer may acknowledge it: the right role, within scope, still open */
  canAcknowledge: boolean;
}

function toAlertPayload(app: AppContext, row: AlertRow): AlertPayload {
  const unit = app.orgUnits().get(row.org_unit_id);
  return {
    id: row.id,
    kpiId: row.kpi_id,
    orgUnitId: row.org_unit_id,
    orgUnitCode: unit.code,
    orgUnitName: unit.name,
    provinceId: unit.provinceId ?? unit.id,
    kind: row.kind,
    period: row.period,
    value: row.value,
    reference: row.reference,
    band: row.band,
    createdAt: row.created_at,
  };
}

/** Checks what a landed batch touched; returns the alerts it raised (already announced). */
export async function evaluateAlerts(app: AppContext, event: Pick<ChangeOf<'measurementsLanded'>, 'kpiIds' | 'provinceIds'>, now = appNow()): Promise<AlertPayload[]> {
  const kpis = event.kpiIds.map((id) => app.catalogue.byId.get(id)).filter((k): k is MeasuredKpi => !!k && k.measure.kind !== 'composite');
  const provinces = new Set(event.provinceIds);
  const raised: AlertPayload[] = [];
  for (const kpi of kpis) {
    const current = periodStart(periodUnitOf(kpi.frequency), now);
    const rows = await getChildSums(app.db, {
      kpiIds: [kpi.id],
      granularity: periodUnitOf(kpi.frequency),
      parent: { level: 'nation' },
      from: addPeriods(current, periodUnitOf(kpi.frequency), -HISTORY_PERIODS[kpi.frequency]),
      to: addPeriods(current, periodUnitOf(kpi.frequency), 1),
    });
    const byProvince = new Map<number, ChildSumRow[]>();
    for (const r of rows) if (provinces.has(r.child_id)) byProvince.set(r.child_id, [...(byProvince.get(r.child_id) ?? []), r]);

    const active = await getActiveAlerts(app.db, { kpiId: kpi.id, orgUnitIds: [...byProvince.keys()] });
    for (const [provinceId, series] of byProvince) {
      const values = series.map((r) => ({ period: r.period, value: valueFromSums(kpi.measure, r.num, r.den) })).filter((p): p is { period: Date; value: number } => p.value !== null);
      const latest = values.at(-1);
      if (!latest) continue;
      const history = values.slice(0, -1).map((p) => p.value);
      const ongoing = active.filter((a) => a.org_unit_id === provinceId);
      for (const episode of ongoing) {
        if (hasRecovered(kpi, episode, latest.value, history)) await resolveAlert(app.db, episode.id, now);
      }
      for (const c of judgeValue(kpi, latest.value, history)) {
        // Hysteresis: an episode of this kind that has not recovered is still the alert.
        if (ongoing.some((a) => a.kind === c.kind && !hasRecovered(kpi, a, latest.value, history))) continue;
        const payload = await app.db.transaction(async (tx) => {
          const row = await insertAlert(tx, { kpi_id: kpi.id, org_unit_id: provinceId, period: latest.period, kind: c.kind, value: latest.value, reference: c.reference, band: bandFor(kpi, latest.value), created_at: now });
          if (!row) return undefined;
          const alert = toAlertPayload(app, row);
          await announceChange(app, tx, { kind: 'alertRaised', alert });
          return alert;
        });
        if (payload) raised.push(payload);
      }
    }
  }
  return raised;
}

function stateOf(row: AlertRow): AlertState {
  if (row.resolved_at) return 'resolved';
  return row.acknowledged_at ? 'acknowledged' : 'open';
}

/** Whether a principal may acknowledge an alert on this unit (whatever its state). */
function mayAcknowledge(app: AppContext, principal: Principal | undefined, orgUnitId: number): boolean {
  if (!principal || principal.role === 'system') return false;
  return ACKNOWLEDGING_ROLES.includes(principal.role) && app.orgUnits().isWithin(orgUnitId, principal.scopeUnitId);
}

function toAlertView(app: AppContext, principal: Principal | undefined, row: AlertRow): AlertView {
  const state = stateOf(row);
  return {
    ...toAlertPayload(app, row),
    state,
    acknowledgedAt: row.acknowledged_at,
    resolvedAt: row.resolved_at,
    canAcknowledge: state === 'open' && mayAcknowledge(app, principal, row.org_unit_id),
  };
}

/** Open alerts (not yet acknowledged, not recovered), newest first, for the panels. */
export async function listAlerts(app: AppContext, q: { provinceId?: number; limit?: number }, principal?: Principal): Promise<AlertView[]> {
  const { rows } = await listAlertRows(app.db, { provinceId: q.provinceId, state: 'open', limit: q.limit ?? 50, offset: 0 });
  return rows.map((r) => toAlertView(app, principal, r));
}

/** One page of alerts matching a filter, and how many match in all (the /alerts page and the badge). */
export async function searchAlerts(
  app: AppContext,
  q: AlertFilter & { page: number; pageSize: number },
  principal?: Principal,
): Promise<{ items: AlertView[]; total: number; page: number; pageSize: number }> {
  const { rows, total } = await listAlertRows(app.db, { ...q, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows.map((r) => toAlertView(app, principal, r)), total, page: q.page, pageSize: q.pageSize };
}

export async function acknowledge(app: AppContext, principal: Principal, id: number): Promise<{ id: number }> {
  const alert = await getAlert(app.db, id);
  if (!alert) throw new AppError('NOT_FOUND', { vi: 'Không tìm thấy cảnh báo', en: 'Alert not found' });
  const tree = app.orgUnits();
  if (!tree.isWithin(alert.org_unit_id, principal.scopeUnitId)) {
    throw new AppError('FORBIDDEN', { vi: 'Cảnh báo này ngoài phạm vi của bạn', en: 'This alert is outside your scope' });
  }
  await app.db.transaction(async (tx) => {
    const row = await acknowledgeAlert(tx, id, principal.name, appNow());
    if (row) await announceChange(app, tx, { kind: 'alertAcknowledged', id, provinceId: tree.get(alert.org_unit_id).provinceId });
  });
  return { id };
}

/** Runs the checks after every batch written by this instance; failures are logged, never lost data. */
export function watchForAlerts(app: AppContext): () => void {
  let queue = Promise.resolve();
  const onChange = (change: Change) => {
    if (change.kind !== 'measurementsLanded' || change.origin !== 'local') return;
    queue = queue.then(() => evaluateAlerts(app, change).then(() => undefined)).catch((err) => console.error('[alerts] evaluation failed:', err));
  };
  app.bus.on('changed', onChange);
  return () => app.bus.off('changed', onChange);
}
