'use client';
/**
 * The live connection: one socket.io client per page, joined to the rooms the mounted views ask
 * for (the unit they show, and `alerts`). A `changed` frame carries its room's numbers: they go into
 * the TanStack Query cache (applyFrame.ts), and only what no frame brings — the charts' series of
 * the KPIs that changed, other units' numbers, completeness — is fetched again, so the page ends
 * equal to a fresh load without N pages asking the server for the same thing. Alerts arrive with
 * their event and go into the open-alerts panels. After a drop or a server restart the client
 * reconnects by itself; back within the server's recovery window it gets the frames it missed,
 * otherwise it refetches everything it shows. The same when the server says it stopped hearing the
 * other instances (`relay` down, shown as stale) and hears them again.
 */
import { useQueryClient, type Query } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { SOCKET_PATH, type AlertPayload, type ChangedFrame, type ClientToServerEvents, type Room, type ServerToClientEvents } from '../../shared/realtime/events';
import { useTRPC } from '../trpc';
import { applyAlertEvent, applyPushedAnswers, broughtByRooms, decodeFrameValues, dependsOnKpis, frameMayEndAlerts, newestAlertShown, outsideFrame, touchesKpiSet } from './applyFrame';

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
/**
 * The rooms alone, in a context that never changes: a view that only joins rooms does not render
 * again on every frame (the overview's map would redraw each time).
 */
const RoomsContext = createContext<LiveContextValue['addRooms'] | null>(null);
/** Alerts a page remembers; the counter shows "50+" beyond. */
const MAX_ARRIVED = 51;

export function LiveProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>({ state: 'connecting' });
  const [cursor, setCursor] = useState(0);
  const [frames, setFrames] = useState(0);
  const [toasts, setToasts] = useState<AlertPayload[]>([]);
  const socketRef = useRef<Socket<ServerToClientEvents, ClientToServerEvents> | null>(null);
  const roomCounts = useRef(new Map<Room, number>());
  /** the version of the frame each query was last given (applyFrame.ts) */
  const appliedVersions = useRef(new WeakMap<Query, number>());
  /** the nation's unit id, as its room's frames name it */
  const nationId = useRef<number | undefined>(undefined);

  const subscribe = useCallback(() => {
    const socket = socketRef.current;
    const rooms = [...roomCounts.current.keys()];
    if (!socket?.connected || rooms.length === 0) return;
    socket.emit('subscribe', { rooms, alertsAfter: newestAlertShown(queryClient, trpc) }, () => undefined);
  }, [queryClient, trpc]);

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
      const answers = decodeFrameValues(frame);
      if (frame.room === 'nation') nationId.current = answers.find((a) => a.path === 'values.current')?.input.orgUnitId ?? nationId.current;
      applyPushedAnswers(queryClient, trpc, answers, frame.version, appliedVersions.current);
      const changed = new Set(frame.kpiIds);
      const rooms = new Set(roomCounts.current.keys());
      const catalogue = queryClient.getQueryData<KpiDefinition[]>(trpc.catalogue.kpis.queryKey());
      const refetch = (q: Query) => dependsOnKpis(q, changed, catalogue) && !broughtByRooms(q, rooms, nationId.current, frame) && !outsideFrame(q, rooms, frame);
      void queryClient.invalidateQueries({ queryKey: trpc.values.pathKey(), predicate: refetch });
      // Forecasts and target attainment stand on the same values: the newest actuals redraw the fan.
      void queryClient.invalidateQueries({ queryKey: trpc.forecast.pathKey(), predicate: refetch });
      // An alert ends when its unit recovers, which only a change of its KPI there can bring.
      void queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey(), predicate: (q) => frameMayEndAlerts(q.state.data, frame) });
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
      applyAlertEvent(queryClient, trpc, { raised: [alert] });
      setToasts((t) => [alert, ...t.filter((x) => x.id !== alert.id)].slice(0, MAX_ARRIVED));
    });
    socket.on('alertsRecent', (wires) => {
      applyAlertEvent(queryClient, trpc, { raised: wires.map((wire) => ({ ...wire, period: new Date(wire.period), createdAt: new Date(wire.createdAt) })) });
    });
    socket.on('alertAcknowledged', ({ id }) => {
      applyAlertEvent(queryClient, trpc, { endedId: id });
      setToasts((t) => t.filter((x) => x.id !== id));
    });
    socket.on('alertResolved', ({ id }) => {
      applyAlertEvent(queryClient, trpc, { endedId: id });
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
  return (
    <RoomsContext.Provider value={addRooms}>
      <LiveContext.Provider value={value}>{children}</LiveContext.Provider>
    </RoomsContext.Provider>
  );
}

export function useLive(): LiveContextValue {
  const ctx = useContext(LiveContext);
  if (!ctx) throw new Error('useLive outside LiveProvider');
  return ctx;
}

/** Keeps the page subscribed to these rooms while the calling component is mounted. */
export function useLiveRooms(rooms: readonly Room[]): void {
  const addRooms = useContext(RoomsContext);
  if (!addRooms) throw new Error('useLiveRooms outside LiveProvider');
  const key = rooms.join('|');
  useEffect(() => addRooms(key.split('|')), [addRooms, key]);
}
