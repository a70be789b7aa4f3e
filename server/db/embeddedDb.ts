/**
 * The embedded TimescaleDB (PGlite) behind the `Db` interface, run in a worker thread
 * (embeddedDbWorker.mjs) so that its queries never block this thread's event loop, which serves
 * HTTP, sockets and pages. Every call becomes a message; the worker queues them first come, first
 * served, and keeps an open transaction exclusive until its COMMIT or ROLLBACK (what is and is not
 * fair: the worker's header). Rows cross by structured clone, which keeps what PGlite's parsers made
 * (Date, numbers, arrays, parsed JSON, Uint8Array), so both threads see the same values.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { AfterCommit, Db, DbLiveness, Transaction } from './db';
import { runAfterCommit } from './runAfterCommit';

/** What the main thread asks; `txId` puts a statement (or the end) in that open transaction. */
type WorkerRequest =
  | { op: 'query'; id: number; txId?: number; text: string; params?: readonly unknown[] }
  | { op: 'exec'; id: number; txId?: number; sql: string }
  | { op: 'begin'; id: number }
  | { op: 'commit' | 'rollback'; id: number; txId: number }
  | { op: 'listen'; id: number; channel: string }
  | { op: 'unlisten'; id: number; subscription: number }
  | { op: 'close'; id: number }
  | { op: 'ping'; id: number };

/** An error as the worker describes it: message, name, stack and PostgreSQL's fields. */
type ErrorData = { name: string; message: string; stack?: string } & Record<string, unknown>;

type WorkerMessage =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ErrorData }
  | { event: 'ready' }
  | { event: 'failed'; error: ErrorData }
  | { event: 'notify'; subscription: number; payload: string };

/** Request → message shapes without the id the channel adds. */
type Ask = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * The worker's error as an Error of this thread, with PostgreSQL's fields (code, detail,
 * constraint, …) where callers read them. The stack is the worker's: where PGlite failed.
 */
function toError(data: ErrorData): Error {
  const { name, message, stack, ...fields } = data;
  const error = Object.assign(new Error(message), fields);
  error.name = name;
  if (stack) error.stack = stack;
  return error;
}

/** The worker entry, beside this file; a path the bundler does not follow (Next never loads this module). */
const WORKER_FILE = new URL('./embeddedDbWorker.mjs', import.meta.url);

export async function openEmbeddedDb(dataDir: string | undefined): Promise<Db> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const worker = new Worker(WORKER_FILE, { workerData: { dataDir } });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  const subscribers = new Map<number, (payload: string) => void>();
  let nextId = 1;
  /** set once the worker is gone: every later call fails with it */
  let gone: Error | undefined;

  // An idle worker does not keep the process alive (as an idle PGlite in this thread did not);
  // one with work outstanding does, or a script awaiting a query would exit first.
  worker.unref();
  const settle = (id: number) => {
    const entry = waiting.get(id);
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    return entry;
  };

  /** Sends one request and waits for its answer; `id` is given when the caller names what it opens. */
  const ask = <T>(request: Ask, id = nextId++): Promise<T> => {
    if (gone) return Promise.reject(gone);
    return new Promise<T>((resolve, reject) => {
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      try {
        worker.postMessage({ ...request, id });
      } catch (err) {
        // a parameter that cannot be cloned (a function, a class with private state)
        settle(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  };

  const opened = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if ('id' in message) {
        const entry = settle(message.id);
        if (message.ok) entry?.resolve(message.value);
        else entry?.reject(toError(message.error));
      } else if (message.event === 'notify') subscribers.get(message.subscription)?.(message.payload);
      else if (message.event === 'ready') resolve();
      else reject(toError(message.error));
    });
    const lost = (err: Error) => {
      gone ??= err;
      reject(err);
      for (const id of [...waiting.keys()]) settle(id)?.reject(err);
    };
    worker.on('error', (err) => lost(new Error(`the embedded database worker failed: ${err.message}`, { cause: err })));
    worker.on('exit', (code) => lost(new Error(`the embedded database worker stopped (exit code ${code})`)));
  });
  try {
    worker.ref();
    await opened;
  } catch (err) {
    await worker.terminate();
    throw err;
  } finally {
    worker.unref();
  }

  /** PGlite closed cleanly (its folder consistent), then the thread ended; once, however often asked */
  let closing: Promise<void> | undefined;
  const closeWorker = async () => {
    if (gone) return;
    await ask({ op: 'close' });
    gone = new Error('the embedded database is closed');
    await worker.terminate();
  };

  const openedAt = new Date();
  const db: Db = {
    mode: 'embedded-timescaledb',
    timescale: true,
    query: (text, params) => ask({ op: 'query', text, params }),
    transaction: async <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => {
      const txId = nextId++;
      // Not awaited before the work starts: its statements follow the BEGIN in the worker, which
      // keeps them until the transaction opens (embeddedDbWorker.mjs), so that the connection is
      // not held while this thread answers a BEGIN. A BEGIN that fails fails them too.
      const begun = ask<void>({ op: 'begin' }, txId);
      begun.catch(() => undefined);
      const queued: AfterCommit[] = [];
      let result: T;
      try {
        result = await work({
          query: (text, params) => ask({ op: 'query', txId, text, params }),
          execScript: (sql) => ask({ op: 'exec', txId, sql }),
          afterCommit: (next) => void queued.push(next),
        });
        await begun;
      } catch (err) {
        await ask({ op: 'rollback', txId }).catch(() => undefined);
        throw err;
      }
      await ask({ op: 'commit', txId });
      await runAfterCommit(db, queued);
      return result;
    },
    execScript: (sql) => ask({ op: 'exec', sql }),
    listen: async (channel, onPayload) => {
      const subscription = nextId++;
      // before asking: a notification may follow the answer at once
      subscribers.set(subscription, onPayload);
      try {
        await ask({ op: 'listen', channel }, subscription);
      } catch (err) {
        subscribers.delete(subscription);
        throw err;
      }
      return async () => {
        subscribers.delete(subscription);
        // a closed database listens to nothing any more
        if (!gone) await ask({ op: 'unlisten', subscription });
      };
    },
    liveness: () => ask<DbLiveness>({ op: 'ping' }),
    // in this process: nothing to lose
    listenState: () => ({ state: 'up', since: openedAt }),
    onListenState: () => () => undefined,
    tryLease: () => Promise.resolve({ lost: new Promise<void>(() => undefined), release: () => Promise.resolve() }),
    close: () => (closing ??= closeWorker()),
  };
  return db;
}
