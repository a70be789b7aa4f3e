/**
 * The one connection a server-mode instance LISTENs on. A pooled connection would do until the
 * PostgreSQL server restarts: then it dies, nothing re-creates it, and the instance silently hears
 * no other instance again. This one reconnects by itself with capped exponential backoff, LISTENs
 * again on every channel, and says whether it is up, so the relay can tell pages they may have
 * missed changes (and make them refetch once it is back) and the health check can say so.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';

export type ListenState = 'up' | 'down';

/** First retry after half a second, doubling to at most 15 s: back quickly, never hammering. */
export const RECONNECT_BACKOFF_MS = { first: 500, max: 15_000 } as const;

interface ListenEvents {
  state: [ListenState];
}

export class ListenConnection {
  private readonly handlers = new Map<string, Set<(payload: string) => void>>();
  private readonly events = new EventEmitter<ListenEvents>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;
  private everUp = false;
  private current: { state: ListenState; since: Date } = { state: 'down', since: new Date() };

  constructor(private readonly connectionString: string) {}

  /** 'up' while LISTENing on every channel; 'down' from the moment the connection is lost. */
  state(): { state: ListenState; since: Date } {
    return this.current;
  }

  onState(listener: (state: ListenState) => void): () => void {
    this.events.on('state', listener);
    return () => void this.events.off('state', listener);
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    // LISTEN takes an identifier, not a parameter: only plain names get near the SQL text.
    if (!/^[a-z_]+$/.test(channel)) throw new Error(`invalid channel name ${channel}`);
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      if (this.client && this.current.state === 'up') await this.client.query(`LISTEN ${channel}`);
    }
    set.add(onPayload);
    // The first subscriber opens the connection; a failure here is the caller's (start-up) error.
    if (!this.client) await this.connect();
    return async () => {
      set.delete(onPayload);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'lienthong-listen' });
    // An error without a listener would crash the process; the 'end' that follows reconnects.
    client.on('error', (err) => console.error('[db] LISTEN connection error:', err.message));
    client.on('notification', (msg) => {
      for (const handler of this.handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    client.on('end', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.setState('down');
      this.scheduleRetry();
    });
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    this.failures = 0;
    this.setState('up');
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    const delay = Math.min(RECONNECT_BACKOFF_MS.max, RECONNECT_BACKOFF_MS.first * 2 ** this.failures);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect().catch((err: Error) => {
        this.failures += 1;
        console.warn(`[db] LISTEN reconnect failed (${err.message}); next try in ${Math.min(RECONNECT_BACKOFF_MS.max, RECONNECT_BACKOFF_MS.first * 2 ** this.failures)} ms`);
        this.scheduleRetry();
      });
    }, delay);
    this.retryTimer.unref();
  }

  private setState(state: ListenState): void {
    if (this.current.state === state) return;
    // the first 'up' is the start, not news
    if (state === 'down' || this.everUp) console.log(`[db] LISTEN connection ${state === 'down' ? 'lost: the other instances’ changes do not arrive' : 'back'}`);
    this.everUp = true;
    this.current = { state, since: new Date() };
    this.events.emit('state', state);
  }
}
