/**
 * The forecast worker threads (forecastWorker.ts) and the queue of chunks waiting for them. Each
 * worker computes one chunk at a time, so a chunk's reply means its series are done (the jobs'
 * progress counts them) and work spreads evenly. Workers start on the first chunk and stay; an idle
 * pool does not keep the process alive. A worker that dies fails the chunk it held and is replaced
 * by the next chunk's.
 * One pool per process, on globalThis like the app context: every job shares its threads.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/startWorker';
import type { ForecastReply, SeriesOutcome, SeriesTask } from './forecastWorkerProtocol';

interface Pending {
  taskId: number;
  series: SeriesTask[];
  resolve: (outcomes: SeriesOutcome[]) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

export class ForecastWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextTaskId = 1;
  private closed = false;

  /** `size` threads at most; they start when there is work for them */
  constructor(readonly size: number) {}

  /** Forecasts a chunk of series in a worker; resolves with one outcome per series, in order. */
  run(series: SeriesTask[]): Promise<SeriesOutcome[]> {
    if (this.closed) return Promise.reject(new Error('the forecast worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ taskId: this.nextTaskId++, series, resolve, reject });
      this.dispatch();
    });
  }

  /** chunks waiting for a worker and chunks being computed */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.busy).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the forecast worker pool is closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.busy) ?? (this.slots.length < this.size ? this.spawn() : undefined);
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.busy = task;
      slot.worker.ref();
      slot.worker.postMessage({ taskId: task.taskId, series: task.series });
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: startWorker('server/forecast/forecastWorker.ts', 'forecast'), busy: null };
    slot.worker.unref();
    slot.worker.on('message', (reply: ForecastReply) => {
      const task = slot.busy;
      if (!task || task.taskId !== reply.taskId) return;
      slot.busy = null;
      slot.worker.unref();
      task.resolve(reply.outcomes);
      this.dispatch();
    });
    const fail = (err: Error) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      const task = slot.busy;
      slot.busy = null;
      task?.reject(err);
      if (!this.closed) this.dispatch();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`the forecast worker stopped (exit code ${code})`)));
    this.slots.push(slot);
    return slot;
  }
}

/**
 * Threads for forecasting: the cores but one (the main thread serves pages and reads the
 * histories), at least one, at most four.
 */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

const holder = globalThis as typeof globalThis & { __lienthongForecastPool?: ForecastWorkerPool };

/** The process's forecast worker pool. */
export function forecastWorkerPool(): ForecastWorkerPool {
  holder.__lienthongForecastPool ??= new ForecastWorkerPool(defaultPoolSize());
  return holder.__lienthongForecastPool;
}
