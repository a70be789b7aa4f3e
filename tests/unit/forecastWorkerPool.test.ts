/**
 * The forecast worker threads (server/forecast/forecastWorkerPool.ts): a chunk sent to a real
 * worker comes back with one outcome per series, in order, equal to the engine's answer on the main
 * thread (Dates and numbers cross intact); a series the engine cannot take fails alone; a closed
 * pool refuses work.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { forecastSeries } from '../../server/forecast/forecastSeries';
import type { SeriesTask } from '../../server/forecast/forecastWorkerProtocol';
import { ForecastWorkerPool } from '../../server/forecast/forecastWorkerPool';
import { TRANSFORMS } from '../../server/forecast/transforms';
import { addPeriods } from '../../shared/domain/periods';

const START = new Date('2023-12-31T17:00:00Z'); // 1 January 2024, local

function monthlyTask(level: number, n = 30): SeriesTask {
  const periods = Array.from({ length: n }, (_, i) => addPeriods(START, 'month', i));
  const values = periods.map((_, i) => level + 0.5 * i + 4 * Math.sin((2 * Math.PI * i) / 12) + ((i * 7) % 5) * 0.3);
  return { frequency: 'monthly', periods, values, transform: 'log', horizon: 6 };
}

describe('forecast worker pool', () => {
  const pool = new ForecastWorkerPool(1);
  afterAll(() => pool.close());

  it('answers a chunk in a worker thread exactly as the engine does on the main thread, in order', async () => {
    const tasks = [monthlyTask(40), monthlyTask(60), monthlyTask(80, 10)];
    const outcomes = await pool.run(tasks);
    expect(outcomes).toHaveLength(3);
    tasks.forEach((task, i) => {
      const here = forecastSeries({ ...task, transform: TRANSFORMS[task.transform] });
      expect(outcomes[i]).toEqual({ ok: true, result: here });
    });
    expect(outcomes[2]).toMatchObject({ ok: true, result: { verdict: 'too_short' } });
    expect(pool.pending).toBe(0);
  });

  it('fails a series the engine cannot take without failing its chunk', async () => {
    // a transform the worker does not know (a caller out of step with the protocol): the engine throws
    const broken: SeriesTask = { ...monthlyTask(50), transform: 'sqrt' as SeriesTask['transform'] };
    const outcomes = await pool.run([monthlyTask(50), broken, monthlyTask(70)]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toEqual({ ok: false, error: expect.any(String) as string });
  });

  it('refuses work once closed', async () => {
    const closed = new ForecastWorkerPool(1);
    await closed.close();
    await expect(closed.run([monthlyTask(40)])).rejects.toThrow('closed');
  });
});
