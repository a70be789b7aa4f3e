/**
 * The in-process event bus. A landed batch is announced here after its transaction commits (and
 * after the roll-ups it touched are refreshed), so whoever listens reads the new numbers. In server
 * mode the announcement also reaches the other app instances (see crossInstanceBus.ts).
 */
import { EventEmitter } from 'node:events';
import type { AlertPayload } from '../../shared/realtime/events';

export interface MeasurementsLanded {
  batchId: number;
  rowCount: number;
  kpiIds: string[];
  /** provincial units whose data changed (their communes' included) */
  provinceIds: number[];
  /** earliest and latest measurement time in the batch */
  from: Date;
  to: Date;
  /** the instance that wrote it; 'local' events were written by this process */
  origin: 'local' | 'remote';
}

interface BusEvents {
  measurementsLanded: [MeasurementsLanded];
  alertRaised: [AlertPayload];
  alertAcknowledged: [{ id: number; provinceId: number | null }];
}

export type EventBus = EventEmitter<BusEvents>;

const holder = globalThis as typeof globalThis & { __lienthongBus?: EventBus };

/** One bus per process, shared by the custom server and anything Next bundles separately. */
export function getEventBus(): EventBus {
  holder.__lienthongBus ??= new EventEmitter<BusEvents>().setMaxListeners(0);
  return holder.__lienthongBus;
}
