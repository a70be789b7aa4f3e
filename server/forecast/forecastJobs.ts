/**
 * The background forecast jobs of a process (childrenForecastJob.ts): one job per KPI, parent,
 * level and horizon at a time, shared by everyone who asks for it (a second planner asking for
 * Hà Nội's communes watches the first one's job), and at most MAX_RUNNING running at once, the
 * others queued: the worker threads are few and the main thread reads each job's histories.
 * A finished job's status stays until the same job is asked for again; its results live in the
 * forecast cache, so a new job over unchanged data finishes at once, and one after new data
 * recomputes only the units that data touched.
 */
import type { AppContext } from '../appContext';
import { appNow } from '../clock';
import type { Db } from '../db/db';
import type { ForecastJobStatus } from '../../shared/forecast/types';
import { JobProgress } from './chunkedRun';
import { planChildrenForecast, runChildrenForecast, type ChildrenForecastPlan, type ChildrenForecastSpec } from './childrenForecastJob';
import { forecastWorkerPool, type ForecastWorkerPool } from './forecastWorkerPool';

/** jobs running at once; the rest wait in order */
export const MAX_RUNNING = 2;

interface Job {
  plan: ChildrenForecastPlan;
  progress: JobProgress;
  state: ForecastJobStatus['state'];
  startedAt: Date;
  finishedAt: Date | null;
  /** settles when the job ends (tests and the benchmark wait on it) */
  ended: Promise<void>;
}

function keyOf(plan: ChildrenForecastPlan): string {
  return `${plan.kpi.id}|${plan.parent.id}|${plan.level}|${plan.horizon}`;
}

function statusOf(job: Job): ForecastJobStatus {
  const { plan, progress } = job;
  return {
    kpiId: plan.kpi.id,
    parentId: plan.parent.id,
    level: plan.level,
    horizon: plan.horizon,
    state: job.state,
    total: progress.total,
    done: progress.done,
    computed: progress.computed,
    fromCache: progress.fromCache,
    failed: progress.failed,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}

export class ForecastJobs {
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;

  constructor(
    private readonly app: AppContext,
    private readonly pool: ForecastWorkerPool,
  ) {}

  /** Starts the job, or joins the one queued or running; returns its status. */
  start(spec: ChildrenForecastSpec): ForecastJobStatus {
    const plan = planChildrenForecast(this.app, spec);
    const key = keyOf(plan);
    const current = this.jobs.get(key);
    if (current && (current.state === 'queued' || current.state === 'running')) return statusOf(current);
    const job: Job = { plan, progress: new JobProgress(plan.total), state: 'queued', startedAt: appNow(), finishedAt: null, ended: Promise.resolve() };
    job.ended = this.run(job);
    this.jobs.set(key, job);
    return statusOf(job);
  }

  /** The job's status (the newest of its kind), or null when nobody asked for it. */
  status(spec: ChildrenForecastSpec): ForecastJobStatus | null {
    const job = this.jobs.get(keyOf(planChildrenForecast(this.app, spec)));
    return job ? statusOf(job) : null;
  }

  /** Resolves with the job's final status once it ends; null when there is no such job. */
  async finished(spec: ChildrenForecastSpec): Promise<ForecastJobStatus | null> {
    const job = this.jobs.get(keyOf(planChildrenForecast(this.app, spec)));
    if (!job) return null;
    await job.ended;
    return statusOf(job);
  }

  private async run(job: Job): Promise<void> {
    if (this.running >= MAX_RUNNING) await new Promise<void>((go) => this.waiting.push(go));
    this.running++;
    job.state = 'running';
    try {
      await runChildrenForecast(this.app, job.plan, job.progress, this.pool);
      job.state = 'done';
    } catch (err) {
      console.error(`[forecast] the job ${keyOf(job.plan)} failed:`, err);
      // what was not reached counts as failed: done reaches total whatever happened
      job.progress.add('failed', job.progress.total - job.progress.done);
      job.state = 'failed';
    } finally {
      job.finishedAt = appNow();
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

const holder = globalThis as typeof globalThis & { __lienthongForecastJobs?: WeakMap<Db, ForecastJobs> };

/** The database's forecast jobs (one set per database, like its forecast cache), on the process's worker pool. */
export function forecastJobsOf(app: AppContext): ForecastJobs {
  holder.__lienthongForecastJobs ??= new WeakMap();
  let jobs = holder.__lienthongForecastJobs.get(app.db);
  if (!jobs) {
    jobs = new ForecastJobs(app, forecastWorkerPool());
    holder.__lienthongForecastJobs.set(app.db, jobs);
  }
  return jobs;
}
