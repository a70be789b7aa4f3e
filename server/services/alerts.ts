/**
 * Alerts: a KPI is checked in a province against the province's own history
 * (shared/domain/alertRules: a band drop beyond noise, or the one outlier rule). An alert is an
 * episode: while one of a KPI, unit and kind lasts no other is raised; it ends when the unit
 * recovers. New alerts are stored once and announced with the transaction that stores them
 * (announceChange), as are acknowledgements: a leader acknowledges an alert and it leaves every
 * panel, on every instance.
 *
 * When the checks run, and on what (the simplest design that loses nothing):
 * - A batch's writing transaction records the (KPI, province, period) series its rows changed
 *   (`oweAlertChecks`, table pending_alert_evaluation): the record commits with the data or not
 *   at all. That table is the queue of checks; nothing else says what to check.
 * - After the commit, in the background, a pass (`evaluatePendingAlerts`) reads the owed records,
 *   checks each distinct (KPI, province) once with reads of those series only, and deletes the
 *   records it checked. Passes are coalesced like the sockets' frames: the first batch of a burst
 *   starts one at once, the rest of the burst makes one more pass when the interval ends.
 * - A process that dies after a commit and before its pass leaves its records: the pass run when
 *   the watcher starts, and the sweep every few seconds, check them. A pass that fails leaves them
 *   too. A series checked twice (a crash after the check, two instances sweeping at once) raises
 *   nothing twice: an unresolved episode of a KPI, unit and kind is unique in the table.
 * The writer never waits for a check, and a check's failure never reaches the writer's answer.
 */
import { appNow } from '../clock';
import type { Frequency, KpiDefinition, MeasuredKpi } from '../../kpi-definitions/schema';
import { bandFor } from '../../kpi-definitions/bands';
import type { AppContext } from '../appContext';
import type { Principal, Role } from '../auth/principal';
import type { Queryable } from '../db/db';
import { acknowledgeAlert, getActiveAlerts, getAlert, getOpenAlertsSince, insertAlert, listAlertRows, resolveAlert, type AlertFilter, type AlertRow, type AlertState } from '../db/queries/alerts';
import { deletePendingAlertEvaluations, getPendingAlertEvaluations, recordPendingAlertEvaluations } from '../db/queries/pendingAlertEvaluation';
import { getProvinceSeriesSums, type ProvinceSeriesSumRow } from '../db/queries/rollups';
import { refreshPending } from '../db/rollupRefresh';
import { valueFromSums } from '../../shared/domain/aggregate';
import { hasRecovered, judgeValue } from '../../shared/domain/alertRules';
import { addPeriods, periodStart, periodUnitOf } from '../../shared/domain/periods';
import { touchedSeries, type WrittenRow } from '../../shared/domain/touchedSeries';
import { AppError } from '../../shared/errors';
import { announceChange } from '../realtime/announceChange';
import type { Change } from '../realtime/bus';
import { createFrameScheduler } from '../realtime/frameScheduler';
import { FRAME_INTERVAL_MS, type AlertPayload } from '../../shared/realtime/events';

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

/** A (KPI, province) whose latest value is checked against the province's history. */
export interface AlertSeries {
  kpiId: string;
  provinceId: number;
}

/** The periods a check reads at `now`: the history and the current period, [from, to). */
function checkWindow(frequency: Frequency, now: Date): { from: Date; to: Date } {
  const unit = periodUnitOf(frequency);
  const current = periodStart(unit, now);
  return { from: addPeriods(current, unit, -HISTORY_PERIODS[frequency]), to: addPeriods(current, unit, 1) };
}

/**
 * In the writing transaction: records the province series the rows changed as owed a check
 * (alerts are judged per province; a commune row changes its province's value, and the nation's,
 * which no alert watches). A period older than the history a check reads at `now` changes no
 * check, now or later: an import of old history owes none.
 */
export async function oweAlertChecks(app: Pick<AppContext, 'catalogue' | 'orgUnits'>, tx: Queryable, rows: readonly WrittenRow[], now = appNow()): Promise<void> {
  const frequencyOf = (id: string) => app.catalogue.byId.get(id)!.frequency;
  const series = touchedSeries(rows, { frequencyOf, tree: app.orgUnits() });
  await recordPendingAlertEvaluations(tx, series.filter((s) => s.level === 'province' && s.period >= checkWindow(frequencyOf(s.kpiId), now).from));
}

/** A composite (the service index) is computed from its components, which are the ones checked. */
const isMeasured = (kpi: KpiDefinition): kpi is MeasuredKpi => kpi.measure.kind !== 'composite';

/**
 * Checks these series at `now` and returns the alerts raised (already announced). Reads only
 * them: one query per reporting frequency among them, one for their open episodes.
 */
export async function evaluateSeries(app: AppContext, series: readonly AlertSeries[], now = appNow()): Promise<AlertPayload[]> {
  const byFrequency = new Map<Frequency, Array<{ kpi: MeasuredKpi; provinceId: number }>>();
  for (const s of series) {
    const kpi = app.catalogue.byId.get(s.kpiId);
    if (!kpi || !isMeasured(kpi)) continue;
    const list = byFrequency.get(kpi.frequency) ?? [];
    list.push({ kpi, provinceId: s.provinceId });
    byFrequency.set(kpi.frequency, list);
  }
  if (byFrequency.size === 0) return [];

  const key = (kpiId: string, provinceId: number) => `${kpiId}|${provinceId}`;
  const sums = new Map<string, ProvinceSeriesSumRow[]>();
  for (const [frequency, list] of byFrequency) {
    const rows = await getProvinceSeriesSums(app.db, {
      kpiIds: list.map((s) => s.kpi.id),
      provinceIds: list.map((s) => s.provinceId),
      granularity: periodUnitOf(frequency),
      ...checkWindow(frequency, now),
    });
    for (const r of rows) sums.set(key(r.kpi_id, r.province_id), [...(sums.get(key(r.kpi_id, r.province_id)) ?? []), r]);
  }
  const checked = [...byFrequency.values()].flat();
  const active = await getActiveAlerts(app.db, { kpiIds: checked.map((s) => s.kpi.id), orgUnitIds: checked.map((s) => s.provinceId) });

  const raised: AlertPayload[] = [];
  for (const { kpi, provinceId } of checked) {
    const values = (sums.get(key(kpi.id, provinceId)) ?? [])
      .map((r) => ({ period: r.period, value: valueFromSums(kpi.measure, r.num, r.den) }))
      .filter((p): p is { period: Date; value: number } => p.value !== null);
    const latest = values.at(-1);
    if (!latest) continue;
    const history = values.slice(0, -1).map((p) => p.value);
    const ongoing = active.filter((a) => a.kpi_id === kpi.id && a.org_unit_id === provinceId);
    for (const episode of ongoing) {
      if (!hasRecovered(kpi, episode, latest.value, history)) continue;
      // announced like a raise, so the open lists and the header's count drop it at once
      await app.db.transaction(async (tx) => {
        if (await resolveAlert(tx, episode.id, now)) await announceChange(app, tx, { kind: 'alertResolved', id: episode.id, provinceId });
      });
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
  return raised;
}

/** Owed records one pass takes: a 100,000-row batch touches a few hundred series, not thousands. */
const PASS_RECORDS = 5_000;

export interface AlertPass {
  /** the distinct series checked */
  evaluated: AlertSeries[];
  raised: AlertPayload[];
  /** records were left for another pass (more than one pass takes) */
  more: boolean;
}

/**
 * One pass over the owed checks: each distinct (KPI, province) among them is checked once at
 * `now`, then their records are deleted. A record of a period older than the check's history
 * changes nothing it reads: deleted unchecked. On a failure the records stay for the next pass.
 */
export async function evaluatePendingAlerts(app: AppContext, now = appNow()): Promise<AlertPass> {
  const owed = await getPendingAlertEvaluations(app.db, { now, limit: PASS_RECORDS });
  const evaluated = new Map<string, AlertSeries>();
  for (const o of owed) {
    const kpi = app.catalogue.byId.get(o.kpi_id);
    if (!kpi || o.period < checkWindow(kpi.frequency, now).from) continue;
    evaluated.set(`${o.kpi_id}|${o.org_unit_id}`, { kpiId: o.kpi_id, provinceId: o.org_unit_id });
  }
  const raised = await evaluateSeries(app, [...evaluated.values()], now);
  await deletePendingAlertEvaluations(app.db, owed.map((o) => o.id));
  return { evaluated: [...evaluated.values()], raised, more: owed.length === PASS_RECORDS };
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
/**
 * How far back a page joining the alerts room is sent what was raised: what the server rendered
 * into its HTML came from a read a moment before its socket joined, and the checks run in the
 * background, so alerts raised in between would otherwise never reach it.
 */
export const JOIN_CATCH_UP_MS = 60_000;

/**
 * The open alerts raised within the last JOIN_CATCH_UP_MS with an id above `afterId` (the newest
 * the page shows; ids only grow), for a page that has just joined the alerts room.
 */
export async function recentOpenAlerts(app: AppContext, afterId: number, now = appNow()): Promise<AlertPayload[]> {
  const rows = await getOpenAlertsSince(app.db, { since: new Date(now.getTime() - JOIN_CATCH_UP_MS), afterId, limit: 200 });
  return rows.map((row) => toAlertPayload(app, row));
}

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

/**
 * Runs the owed checks in the background: a pass after this instance's batches (coalesced, see
 * above), one at start for what a process that died left owed, and a sweep every `sweepSeconds`
 * for what a failed pass, or another instance that died, left. Returns the stop function (it waits
 * for a running pass). Failures are logged, never lost data: the records stay.
 */
export function watchForAlerts(app: AppContext, options: { sweepSeconds: number }): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  const runPasses = async (first: boolean) => {
    try {
      // What a dead process owed: its roll-up refreshes first, so its rows in old periods are read.
      if (first) await refreshPending(app.db, appNow());
      let more = true;
      while (!stopped && (more || again)) {
        again = false;
        ({ more } = await evaluatePendingAlerts(app));
      }
    } catch (err) {
      console.error('[alerts] evaluation failed; the checks stay owed and the next pass retries:', err);
    } finally {
      running = undefined;
    }
  };
  const kick = (first = false) => {
    if (stopped) return;
    if (running) return void (again = true);
    // setImmediate: the pass starts after the writer's own continuation, never inside it.
    running = new Promise((resolve) => setImmediate(() => void runPasses(first).then(resolve)));
  };
  // at most one pass per frame interval, the first of a burst at once: as the sockets' frames
  const passes = createFrameScheduler<'alerts', Change, true>({ intervalMs: FRAME_INTERVAL_MS, merge: () => true, send: () => kick() });
  const onChange = (change: Change) => {
    if (change.kind !== 'measurementsLanded' || change.origin !== 'local') return;
    passes.add('alerts', change);
  };
  app.bus.on('changed', onChange);
  kick(true);
  const sweep = setInterval(() => kick(), options.sweepSeconds * 1000);
  sweep.unref();
  return async () => {
    stopped = true;
    app.bus.off('changed', onChange);
    passes.close();
    clearInterval(sweep);
    await running;
  };
}
