/**
 * The socket events, declared once and shared by the server and the browser. Types never replace
 * validation: the server checks every client payload with the schemas below.
 */
// configured for the browser's Content-Security-Policy (see server/zod.ts)
import { z } from '../zod';

/** What a view listens to: the whole nation, or one provincial unit (with its communes). */
const roomSchema = z.union([z.literal('nation'), z.string().regex(/^province:\d{1,6}$/)]);
export type Room = z.infer<typeof roomSchema>;

export const subscribeSchema = z.object({ rooms: z.array(roomSchema).min(1).max(40) });

/** Data changed for these KPIs in these provinces since the last frame; views refetch what they show. */
export interface ChangedFrame {
  kpiIds: string[];
  provinceIds: number[];
  /** the newest batch id included: the client's cursor */
  cursor: number;
  /** batches coalesced into this frame */
  batches: number;
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
  alertAcknowledged: (ack: { id: number }) => void;
  /** this instance stopped hearing the other instances' changes ('down'), or hears them again ('up') */
  relay: (status: { state: 'up' | 'down' }) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: { rooms: Room[] }, reply: (result: { ok: boolean; cursor: number; error?: string }) => void) => void;
}

export const SOCKET_PATH = '/socket.io';
/** How often a room gets a frame at most, in milliseconds: a few frames a second on a busy day. */
export const FRAME_INTERVAL_MS = 250;

export function provinceRoom(provinceId: number): Room {
  return `province:${provinceId}`;
}
