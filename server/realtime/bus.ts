/**
 * The in-process event bus. Every change a writer announces (announceChange.ts) arrives here once
 * per instance: from this instance's own writers after their transaction commits, and in server
 * mode from the other instances' writers through LISTEN/NOTIFY. Listeners (sockets, alert checks)
 * switch on the reason's `kind`.
 */
import { EventEmitter } from 'node:events';
import type { AlertPayload } from '../../shared/realtime/events';
import type { ReportStatus } from '../../shared/domain/reportLifecycle';
import type { ListenState } from '../db/listenConnection';

/** Why the data changed, as the writer says it: what the live views and the alert checks need. */
export type ChangeReason =
  | {
      kind: 'measurementsLanded';
      batchId: number;
      rowCount: number;
      kpiIds: string[];
      /** provincial units whose data changed (their communes' included) */
      provinceIds: number[];
      /** earliest and latest measurement time in the batch */
      from: Date;
      to: Date;
      /**
       * ms since the epoch on the real clock (performance.timeOrigin + now, never the app's clock)
       * when the batch's transaction committed, as the writing instance saw it: set right after the
       * COMMIT, so only where it was written (the NOTIFY to other instances leaves before it).
       * What freshness is measured from (bench/freshness.ts).
       */
      committedAt?: number;
    }
  | {
      /** reports moved to `status` (approved, returned, submitted…): no number moved, the provisional mark and completeness did */
      kind: 'reportStatusChanged';
      status: ReportStatus;
      reportCount: number;
      kpiIds: string[];
      provinceIds: number[];
      /** earliest and latest period start of the reports */
      from: Date;
      to: Date;
    }
  | { kind: 'alertRaised'; alert: AlertPayload }
  | { kind: 'alertAcknowledged'; id: number; provinceId: number | null }
  /** the KPI came back: the episode ended by itself */
  | { kind: 'alertResolved'; id: number; provinceId: number | null };

export type ChangeKind = ChangeReason['kind'];

/** A change as an instance hears it; 'local' ones were written by this instance. */
export type Change = ChangeReason & { origin: 'local' | 'remote' };

/** One reason of a kind, as a listener that switched on `kind` sees it. */
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;

interface BusEvents {
  changed: [Change];
  /**
   * Server mode: whether this instance hears the other instances (its LISTEN connection). While
   * 'down' their changes do not arrive; back 'up', anything may have changed meanwhile.
   */
  relay: [ListenState];
}

export type EventBus = EventEmitter<BusEvents>;

const holder = globalThis as typeof globalThis & { __lienthongBus?: EventBus };

/** One bus per process, shared by the custom server and anything Next bundles separately. */
export function getEventBus(): EventBus {
  holder.__lienthongBus ??= new EventEmitter<BusEvents>().setMaxListeners(0);
  return holder.__lienthongBus;
}
