'use client';
/**
 * The live connection: one socket.io client per page, joined to the rooms the mounted views ask
 * for. A `changed` frame invalidates the TanStack queries of the KPIs it names, so the page
 * refetches exactly what it shows (and ends equal to a fresh load). After a drop or a server
 * restart the client reconnects by itself and refetches everything it shows: nothing is missed.
 * The same when the server says it stopped hearing the other instances (`relay` down, shown as
 * stale) and hears them again.
 */
import { useQueryClient, type Query } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { SOCKET_PATH, type AlertPayload, type ChangedFrame, type ClientToServerEvents, type Room, type ServerToClientEvents } from '../../shared/realtime/events';
import { useTRPC } from '../trpc';

export type LiveStatus =
  | { state: 'connecting' }
  | { state: 'live'; since: Date }
  | { state: 'reconnecting'; staleSince: Date }
  /** connected, but the server does not hear the other instances' changes for now */
  | { state: 'stale'; staleSince: Date };

interface LiveContextValue {
  status: LiveStatus;
  /** the newest batch the page has been told about */
  cursor: number;
  /** frames received since the page opened (for tests and the status tooltip) */
  frames: number;
  addRooms: (rooms: readonly Room[]) => () => void;
  /** alerts announced since the page opened, newest first (the views pick those in the viewer's scope) */
  toasts: AlertPayload[];
  dismissToast: (id: number) => void;
}

const LiveContext = createContext<LiveContextValue | null>(null);
/** Alerts a page remembers; the counter shows "50+" beyond. */
const MAX_ARRIVED = 51;

/** The KPIs a query depends on: its own, or for a composite its components. */
function dependsOn(query: Query, changed: ReadonlySet<string>, catalogue: readonly KpiDefinition[] | undefined): boolean {
  const input = (query.queryKey[1] as { input?: { kpiId?: unknown; kpiIds?: unknown } } | undefined)?.input;
  const kpiId = typeof input?.kpiId === 'string' ? input.kpiId : undefined;
  if (!kpiId) return true; // a query over many KPIs (current values)
  if (changed.has(kpiId)) return true;
  const kpi = catalogue?.find((k) => k.id === kpiId);
  return kpi?.measure.kind === 'composite' && kpi.measure.groups.some((g) => g.kpiIds.some((id) => changed.has(id)));
}

/** Whether a changed KPI belongs to the KPI set (frequency × submitting level) a completeness query counts. */
function touchesKpiSet(query: Query, changed: ReadonlySet<string>, catalogue: readonly KpiDefinition[] | undefined): boolean {
  const input = (query.queryKey[1] as { input?: { frequency?: unknown; level?: unknown } } | undefined)?.input;
  if (!catalogue || !input) return true;
  return catalogue.some((k) => changed.has(k.id) && k.frequency === input.frequency && k.submittedAt === input.level);
}

export function LiveProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>({ state: 'connecting' });
  const [cursor, setCursor] = useState(0);
  const [frames, setFrames] = useState(0);
  const [toasts, setToasts] = useState<AlertPayload[]>([]);
  const socketRef = useRef<Socket<ServerToClientEvents, ClientToServerEvents> | null>(null);
  const roomCounts = useRef(new Map<Room, number>());

  const subscribe = useCallback(() => {
    const socket = socketRef.current;
    const rooms = [...roomCounts.current.keys()];
    if (!socket?.connected || rooms.length === 0) return;
    socket.emit('subscribe', { rooms }, () => undefined);
  }, []);

  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ path: SOCKET_PATH, transports: ['websocket', 'polling'] });
    socketRef.current = socket;
    let everConnected = false;
    socket.on('connect', () => {
      subscribe();
      setStatus({ state: 'live', since: new Date() });
      // Back within the server's recovery window, the frames and alerts missed arrive now; otherwise
      // whatever landed meanwhile is fetched again: every active query refetches.
      if (everConnected && !socket.recovered) void queryClient.invalidateQueries();
      everConnected = true;
    });
    socket.on('disconnect', () => setStatus((s) => (s.state === 'reconnecting' ? s : { state: 'reconnecting', staleSince: new Date() })));
    socket.io.on('reconnect_attempt', () => setStatus((s) => (s.state === 'reconnecting' ? s : { state: 'reconnecting', staleSince: new Date() })));
    socket.on('changed', (frame: ChangedFrame) => {
      setCursor((c) => Math.max(c, frame.cursor));
      setFrames((n) => n + 1);
      const changed = new Set(frame.kpiIds);
      const catalogue = queryClient.getQueryData<KpiDefinition[]>(trpc.catalogue.kpis.queryKey());
      void queryClient.invalidateQueries({ queryKey: trpc.values.pathKey(), predicate: (q) => dependsOn(q, changed, catalogue) });
      // Forecasts and target attainment stand on the same values: the newest actuals redraw the fan.
      void queryClient.invalidateQueries({ queryKey: trpc.forecast.pathKey(), predicate: (q) => dependsOn(q, changed, catalogue) });
      void queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
      // Who has reported: a submission or an approval of a KPI in the set the view shows.
      void queryClient.invalidateQueries({ queryKey: trpc.completeness.pathKey(), predicate: (q) => touchesKpiSet(q, changed, catalogue) });
    });
    socket.on('relay', ({ state }) => {
      if (state === 'down') return setStatus((s) => (s.state === 'stale' ? s : { state: 'stale', staleSince: new Date() }));
      // What was written elsewhere while the server was not hearing it: everything shown refetches.
      setStatus({ state: 'live', since: new Date() });
      void queryClient.invalidateQueries();
    });
    socket.on('alert', (wire) => {
      // socket.io sends JSON: dates arrive as strings.
      const alert: AlertPayload = { ...wire, period: new Date(wire.period), createdAt: new Date(wire.createdAt) };
      void queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
      setToasts((t) => [alert, ...t.filter((x) => x.id !== alert.id)].slice(0, MAX_ARRIVED));
    });
    socket.on('alertAcknowledged', ({ id }) => {
      void queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() });
      setToasts((t) => t.filter((x) => x.id !== id));
    });
    return () => {
      socket.disconnect();
      socketRef.current = null;
    };
  }, [queryClient, subscribe, trpc]);

  const addRooms = useCallback(
    (rooms: readonly Room[]) => {
      for (const r of rooms) roomCounts.current.set(r, (roomCounts.current.get(r) ?? 0) + 1);
      subscribe();
      return () => {
        for (const r of rooms) {
          const n = (roomCounts.current.get(r) ?? 1) - 1;
          if (n <= 0) roomCounts.current.delete(r);
          else roomCounts.current.set(r, n);
        }
        subscribe();
      };
    },
    [subscribe],
  );
  const dismissToast = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const value = useMemo(() => ({ status, cursor, frames, addRooms, toasts, dismissToast }), [status, cursor, frames, addRooms, toasts, dismissToast]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveContextValue {
  const ctx = useContext(LiveContext);
  if (!ctx) throw new Error('useLive outside LiveProvider');
  return ctx;
}

/** Keeps the page subscribed to these rooms while the calling component is mounted. */
export function useLiveRooms(rooms: readonly Room[]): void {
  const { addRooms } = useLive();
  const key = rooms.join('|');
  useEffect(() => addRooms(key.split('|')), [addRooms, key]);
}
