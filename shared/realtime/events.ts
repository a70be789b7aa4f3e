/**
 * The socket events, declared once and shared by the server and the browser. Types never replace
 * validation: the server checks every client payload with the schemas below.
 */
// configured for the browser's Content-Security-Policy (see server/zod.ts)
import { z } from '../zod';
import type { ViewPatch } from './framePatch';

/**
 * What a page listens to: the unit it shows — the whole nation, one provincial unit, one commune —
 * whose frames carry that unit's numbers; and `alerts`, which every page joins for the alerts raised
 * and acknowledged anywhere (no frames).
 */
const roomSchema = z.union([z.literal('nation'), z.literal('alerts'), z.string().regex(/^(province|commune):\d{1,6}$/)]);
export type Room = z.infer<typeof roomSchema>;

export const subscribeSchema = z.object({
  rooms: z.array(roomSchema).min(1).max(40),
  /** the newest alert id the page already shows: joining the alerts room, it is sent the newer ones of the last minute */
  alertsAfter: z.number().int().nonnegative().optional(),
});

/**
 * A query whose new answer a frame carries, named as the browser's tRPC options proxy names it
 * (`trpc.values.current.queryKey(input)`), with what the procedure answers for that input now.
 * `values.current` is the unit's every KPI: the page takes from it the KPIs each of its
 * current-value queries of that unit asks for.
 */
export type PushedView =
  | { path: 'values.current'; input: { orgUnitId: number } }
  | { path: 'values.ranking'; input: { kpiId: string; parentId: number } }
  | { path: 'values.scorecard'; input: Record<string, never> };
export type PushedPath = PushedView['path'];

/**
 * How a frame carries one view's answer: whole (`data`, as the procedure answers it), or, once the
 * room has had a frame, as a patch of what changed since that one (framePatch.ts: the entries that
 * moved, every key, rank and digest), which the page merges into the answer it holds and checks.
 */
export type PushedViewAnswer<Data = unknown> = PushedView & ({ data: Data; patch?: never } | { patch: ViewPatch; data?: never });

/**
 * Data changed for these KPIs in these provinces since the room's last frame. `values` (a superjson
 * text of `PushedViewAnswer[]`, computed once per room and data version, the same text for every
 * socket) holds the room's unit's numbers as they are now, whole or as patches; the page puts them
 * in its cache (a patch it cannot check against what it holds: that query is fetched again) and
 * refetches only what they do not cover (the charts' series of the changed KPIs). A frame without
 * `values` (a room nobody watched when it went out) names what changed, and the page refetches it.
 * Applying a frame twice is harmless; one older than what a query holds is ignored.
 */
export interface ChangedFrame {
  /** the room it was sent to: whose unit `values` are */
  room: Room;
  kpiIds: string[];
  provinceIds: number[];
  /** the newest batch id included: the client's cursor */
  cursor: number;
  /** batches coalesced into this frame */
  batches: number;
  /**
   * ms since the epoch (the server's real clock) when `values` were read: a frame replayed after a
   * reconnect, older than what the page holds, changes nothing
   */
  version: number;
  values?: string;
}

export interface AlertPayload {
  id: number;
  kpiId: string;
  orgUnitId: number;
  orgUnitCode: string;
  orgUnitName: string;
  /** the province the unit belongs to (itself for a province): whose scope the alert is in */
  provinceId: number;
  kind: 'band_drop' | 'outlier';
  period: Date;
  value: number;
  /** the band it left, or the history's median for an outlier */
  reference: string;
  band: string;
  createdAt: Date;
}

export interface ServerToClientEvents {
  changed: (frame: ChangedFrame) => void;
  alert: (alert: AlertPayload) => void;
  /** on joining the alerts room: the open alerts of the last minute newer than the page's (no toast: they may be a minute old) */
  alertsRecent: (alerts: AlertPayload[]) => void;
  alertAcknowledged: (ack: { id: number }) => void;
  /** the episode ended by itself (the KPI came back into its band) */
  alertResolved: (resolved: { id: number }) => void;
  /** this instance stopped hearing the other instances' changes ('down'), or hears them again ('up') */
  relay: (status: { state: 'up' | 'down' }) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: { rooms: Room[]; alertsAfter?: number }, reply: (result: { ok: boolean; cursor: number; error?: string }) => void) => void;
}

export const SOCKET_PATH = '/socket.io';
/** How often a room gets a frame at most, in milliseconds: a few frames a second on a busy day. */
export const FRAME_INTERVAL_MS = 250;

export function provinceRoom(provinceId: number): Room {
  return `province:${provinceId}`;
}

export function communeRoom(communeId: number): Room {
  return `commune:${communeId}`;
}

/** The room whose frames carry this unit's numbers. */
export function unitRoom(unit: { id: number; level: 'nation' | 'province' | 'commune' }): Room {
  return unit.level === 'nation' ? 'nation' : unit.level === 'province' ? provinceRoom(unit.id) : communeRoom(unit.id);
}
