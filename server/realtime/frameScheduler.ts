/**
 * At most one frame per room per interval, the first of a burst at once, and never more than one
 * in the making. A fixed ticker would hold every change up to one interval (the frame timer was
 * itself the floor of freshness: 2xx → frame p99 264–277 ms on a quiet server); here a change to a
 * room that had no frame for an interval goes out immediately (leading edge), and what follows
 * within the interval is merged into one frame sent when it ends (trailing edge), so a busy room
 * still gets a few frames a second, never more.
 *
 * A frame's sending may take time (its numbers are read first): while it does, what arrives for
 * the room is merged into the next frame, which leaves once the one before is out (and its
 * interval has passed). Without that, a room whose numbers took longer than the interval to read
 * (a loaded database) queued a frame per interval behind them, each read in turn: the backlog, and
 * the age of every frame, grew for as long as the load lasted (bench/freshness.ts).
 */
export interface FrameScheduler<Key, Change> {
  /** Adds a change to the key's next frame, sending it now when the key's interval has passed and no frame of it is being sent. */
  add(key: Key, change: Change): void;
  /** Drops what is pending and stops the timers. */
  close(): void;
}

interface Slot<Frame> {
  frame: Frame | undefined;
  timer: NodeJS.Timeout | undefined;
  lastSentAt: number;
  /** a frame of the key is being sent (its send's promise has not settled) */
  sending: boolean;
}

export function createFrameScheduler<Key, Change, Frame>(options: {
  intervalMs: number;
  /** folds a change into the pending frame (undefined when none is pending) */
  merge: (frame: Frame | undefined, change: Change) => Frame;
  /** sends a frame; a promise holds the key's next frame until it settles */
  send: (key: Key, frame: Frame) => void | Promise<unknown>;
  /** a monotonic clock in ms (performance.now by default: Date is frozen in tests, and may jump) */
  now?: () => number;
}): FrameScheduler<Key, Change> {
  const now = options.now ?? (() => performance.now());
  const slots = new Map<Key, Slot<Frame>>();
  let closed = false;
  /** sends what is pending now, or when the interval since the last frame ends */
  const schedule = (key: Key, slot: Slot<Frame>) => {
    if (closed || slot.frame === undefined || slot.timer || slot.sending) return;
    const wait = slot.lastSentAt + options.intervalMs - now();
    if (wait <= 0) flush(key, slot);
    else {
      slot.timer = setTimeout(() => flush(key, slot), wait);
      slot.timer.unref();
    }
  };
  const flush = (key: Key, slot: Slot<Frame>) => {
    slot.timer = undefined;
    if (slot.frame === undefined) return;
    const frame = slot.frame;
    slot.frame = undefined;
    slot.lastSentAt = now();
    let sent: void | Promise<unknown>;
    try {
      sent = options.send(key, frame);
    } catch (err) {
      console.error('[live] sending a frame failed:', err);
      return;
    }
    if (!(sent instanceof Promise)) return;
    slot.sending = true;
    const done = () => {
      slot.sending = false;
      schedule(key, slot);
    };
    sent.then(done, (err: unknown) => {
      console.error('[live] sending a frame failed:', err);
      done();
    });
  };
  return {
    add(key, change) {
      let slot = slots.get(key);
      if (!slot) {
        slot = { frame: undefined, timer: undefined, lastSentAt: -Infinity, sending: false };
        slots.set(key, slot);
      }
      slot.frame = options.merge(slot.frame, change);
      schedule(key, slot);
    },
    close() {
      closed = true;
      for (const slot of slots.values()) clearTimeout(slot.timer);
      slots.clear();
    },
  };
}
