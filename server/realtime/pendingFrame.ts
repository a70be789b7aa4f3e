/**
 * What a room's next frame names, as the changes of an interval pile up (frameScheduler.ts merges
 * them with `mergeChange`): the KPIs and provinces changed, the newest batch, how many batches.
 */
import type { ChangeOf } from './bus';

export interface PendingFrame {
  kpiIds: Set<string>;
  provinceIds: Set<number>;
  /** the newest batch id announced when the change was merged */
  cursor: number;
  batches: number;
}

/** Folds a change into the pending frame (a new one when none is pending); `cursor` is the newest batch id heard. */
export function mergeChange(pending: PendingFrame | undefined, change: ChangeOf<'measurementsLanded' | 'reportStatusChanged'>, cursor: number): PendingFrame {
  const frame = pending ?? { kpiIds: new Set(), provinceIds: new Set(), cursor: 0, batches: 0 };
  change.kpiIds.forEach((k) => frame.kpiIds.add(k));
  change.provinceIds.forEach((p) => frame.provinceIds.add(p));
  frame.cursor = Math.max(frame.cursor, cursor);
  if (change.kind === 'measurementsLanded') frame.batches += 1;
  return frame;
}

/** Folds a frame that did not leave yet into the one it waits behind (`into` is changed). */
export function mergeFrames(into: PendingFrame, frame: PendingFrame): PendingFrame {
  frame.kpiIds.forEach((k) => into.kpiIds.add(k));
  frame.provinceIds.forEach((p) => into.provinceIds.add(p));
  into.cursor = Math.max(into.cursor, frame.cursor);
  into.batches += frame.batches;
  return into;
}
