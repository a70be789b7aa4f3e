/**
 * A broadcast's writes to this instance's sockets, spread over several event-loop turns. socket.io
 * writes a broadcast to every socket of its room in one synchronous loop: at 10,000 sockets a frame
 * held the loop for up to seconds (nearly all of it the kernel's writes), and the feed's requests,
 * the health checks and the other rooms' frames waited behind it. Here the adapter still does
 * everything else as before — it encodes the packet once, stores it for connection-state recovery
 * (SessionAwareAdapter) or publishes it to the other instances (Redis Streams, whose instances
 * each write to their own sockets through the same adapter method), and picks the sockets — and
 * only the writes of the packets chosen (`spread`: the frames) go out a few milliseconds' worth
 * per turn.
 *
 * What must not change, and why it does not:
 * - Every socket receives its packets in the order the adapter stored them. Recovery resumes from
 *   the offset of the last packet a page received: a packet overtaken by a later one would be lost
 *   to a page that dropped in between. So spread broadcasts are written one after the other (a
 *   frame's writes never start before the previous one's are done, whatever the room), and a packet
 *   sent at once (an alert, a reply to one socket) first writes to each of its sockets what is still
 *   queued for it.
 * - The sockets are those of the room when the packet was stored: a socket that leaves meanwhile
 *   is written nothing (a closed connection drops the write), one that comes back by recovery is
 *   a new socket that got the packet with the others it missed, and is not written it twice.
 *
 * It hooks the adapter instance (its `broadcast`, and the `_encode`/`apply` its local write goes
 * through, socket.io-adapter 2.5): the Redis Streams adapter's class is not exported, so no
 * subclass; tests/unit/chunkedEmit.test.ts fails if those stop being the path.
 */

/** A socket.io packet as the adapter sees it. */
export interface AdapterPacket {
  type: number;
  data?: unknown[];
  /** set for a broadcast that waits for acknowledgements (written at once: it counts its sockets) */
  id?: number;
}

type WriteToSocket = (socket: object) => void;

/** The adapter methods this module hooks (socket.io-adapter's in-memory Adapter and its subclasses). */
interface HookedAdapter {
  broadcast: (this: HookedAdapter, packet: AdapterPacket, opts: unknown) => unknown;
  _encode: (this: HookedAdapter, packet: AdapterPacket, packetOpts: unknown) => unknown;
  apply: (this: HookedAdapter, opts: unknown, callback: WriteToSocket) => void;
}

export interface SpreadOptions {
  /** whether a packet's writes are spread over turns (frames); any other goes at once */
  spread(packet: AdapterPacket): boolean;
  /** how long one turn may write before it yields (ms) */
  budgetMs?: number;
  /**
   * sockets written between two looks at the clock: a write (a writev to the kernel) costs about
   * 0.1 ms of CPU, and many times that in wall time on a busy machine, so look often
   */
  step?: number;
  /** a monotonic clock in ms */
  now?: () => number;
  /** runs the next turn (setImmediate: after the I/O that waited) */
  defer?: (next: () => void) => void;
}

export interface SpreadWrites {
  /**
   * Resolves once the broadcast begun last (call it right after `emit`) has been written to every
   * socket of this instance it goes to; at once for a packet written at once.
   */
  lastWritten(): Promise<void>;
  /** sockets still to be written, over all queued broadcasts */
  queued(): number;
  /** writes what is queued now and puts the adapter's methods back */
  close(): void;
}

interface Job {
  remaining: Set<object>;
  write: WriteToSocket;
  done?: () => void;
}

const resolved = Promise.resolve();

export function spreadBroadcasts(target: object, options: SpreadOptions): SpreadWrites {
  const adapter = target as HookedAdapter;
  const budgetMs = options.budgetMs ?? 4;
  const step = options.step ?? 4;
  const now = options.now ?? (() => performance.now());
  const defer = options.defer ?? ((next) => void setImmediate(next));
  const own = { broadcast: adapter.broadcast, _encode: adapter._encode, apply: adapter.apply };
  const hasOwn = { broadcast: Object.hasOwn(adapter, 'broadcast'), _encode: Object.hasOwn(adapter, '_encode'), apply: Object.hasOwn(adapter, 'apply') };

  const queue: Job[] = [];
  /** spread broadcasts begun and not yet handed to `apply` (the Redis adapter publishes first) */
  const begun = new WeakMap<AdapterPacket, () => void>();
  let last: Promise<void> = resolved;
  /** the packet whose local write the next `apply` is (`_encode` comes right before it) */
  let encoding: AdapterPacket | undefined;
  let closed = false;

  const finish = (job: Job) => {
    queue.shift();
    job.done?.();
  };
  const writeOne = (job: Job, socket: object) => {
    try {
      job.write(socket);
    } catch (err) {
      console.error('[live] a spread write failed:', err);
    }
  };
  /** Writes from the head of the queue until the turn's budget is spent, then yields. */
  const drain = () => {
    const start = now();
    let written = 0;
    while (queue.length > 0) {
      const job = queue[0]!;
      for (const socket of job.remaining) {
        job.remaining.delete(socket);
        writeOne(job, socket);
        written += 1;
        if (!closed && written % step === 0 && now() - start >= budgetMs) {
          if (job.remaining.size === 0) finish(job);
          if (queue.length > 0) defer(drain);
          return;
        }
      }
      finish(job);
    }
  };
  /** What is still queued for this socket, before a packet written at once. */
  const catchUp = (socket: object) => {
    for (const job of queue) if (job.remaining.delete(socket)) writeOne(job, socket);
  };

  adapter.broadcast = function (this: HookedAdapter, packet, opts) {
    if (packet.id !== undefined || !options.spread(packet)) {
      last = resolved;
      return own.broadcast.call(this, packet, opts);
    }
    let done!: () => void;
    last = new Promise<void>((resolve) => (done = resolve));
    begun.set(packet, done);
    // `apply` takes the packet over; if it never came to that (a throw), the frame must not wait forever
    const release = () => {
      if (begun.get(packet) !== done) return;
      begun.delete(packet);
      done();
    };
    let result: unknown;
    try {
      result = own.broadcast.call(this, packet, opts);
    } catch (err) {
      release();
      throw err;
    }
    // the Redis adapter publishes, then writes here
    if (result && typeof (result as Promise<unknown>).finally === 'function') return (result as Promise<unknown>).finally(release);
    release();
    return result;
  };
  adapter._encode = function (this: HookedAdapter, packet, packetOpts) {
    encoding = packet;
    return own._encode.call(this, packet, packetOpts);
  };
  adapter.apply = function (this: HookedAdapter, opts, callback) {
    const packet = encoding;
    encoding = undefined;
    // not a broadcast's write (fetchSockets, socketsJoin…): as before
    if (!packet) return own.apply.call(this, opts, callback);
    if (closed || packet.id !== undefined || !options.spread(packet)) {
      return own.apply.call(this, opts, (socket) => {
        catchUp(socket);
        callback(socket);
      });
    }
    const done = begun.get(packet);
    begun.delete(packet);
    const remaining = new Set<object>();
    own.apply.call(this, opts, (socket) => remaining.add(socket));
    if (remaining.size === 0) return done?.();
    queue.push({ remaining, write: callback, ...(done ? { done } : {}) });
    // the first turn's worth now; the rest is already scheduled when others were queued
    if (queue.length === 1) drain();
  };

  return {
    lastWritten: () => last,
    queued: () => queue.reduce((n, job) => n + job.remaining.size, 0),
    close: () => {
      closed = true;
      drain();
      for (const key of ['broadcast', '_encode', 'apply'] as const) {
        if (hasOwn[key]) (adapter as unknown as Record<string, unknown>)[key] = own[key];
        else delete (adapter as unknown as Record<string, unknown>)[key];
      }
    },
  };
}
