import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { keepEqualData } from '../../components/providers/keepEqualData';
import { makeQueryClient } from '../../components/providers/queryClient';

const row = (kpiId: string, value: number, day = 1) => ({ kpiId, value, period: new Date(Date.UTC(2026, 10, day)), groups: [{ id: 'g', score: value }] });

describe('keepEqualData: a new answer keeps what equals the old one', () => {
  it('keeps rows with equal dates and values, renews the changed one', () => {
    const previous = [row('a', 1), row('b', 2), row('c', 3)];
    const next = [row('a', 1), row('b', 5), row('c', 3)];
    const kept = keepEqualData(previous, next) as typeof previous;
    expect(kept).not.toBe(previous);
    expect(kept).toEqual(next);
    expect(kept[0]).toBe(previous[0]);
    expect(kept[2]).toBe(previous[2]);
    expect(kept[1]).not.toBe(previous[1]);
    expect(kept[1]!.period).toBe(previous[1]!.period); // the date did not move
    expect(kept[1]!.groups).not.toBe(previous[1]!.groups);
  });

  it('gives back the previous answer itself when nothing changed', () => {
    const previous = { period: new Date(0), children: [row('a', 1)] };
    expect(keepEqualData(previous, { period: new Date(0), children: [row('a', 1)] })).toBe(previous);
  });

  it('takes a moved date, a key more or less and a longer or shorter list as changes', () => {
    const previous = [row('a', 1)];
    expect((keepEqualData(previous, [row('a', 1, 2)]) as typeof previous)[0]!.period.getUTCDate()).toBe(2);
    expect(keepEqualData({ a: 1 }, { a: 1, b: undefined })).toEqual({ a: 1, b: undefined });
    expect(keepEqualData({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
    const longer = keepEqualData(previous, [row('a', 1), row('b', 2)]) as typeof previous;
    expect(longer).toHaveLength(2);
    expect(longer[0]).toBe(previous[0]);
    expect(keepEqualData(previous, [])).toEqual([]);
    expect(keepEqualData(null, [1])).toEqual([1]);
    expect(keepEqualData([1], null)).toBeNull();
  });

  it('is what the app’s QueryClient shares data with (setQueryData, as a live frame writes)', () => {
    const client: QueryClient = makeQueryClient();
    const key = ['values.current', { input: { orgUnitId: 1 } }];
    client.setQueryData(key, [row('a', 1), row('b', 2)]);
    const before = client.getQueryData<ReturnType<typeof row>[]>(key)!;
    client.setQueryData(key, [row('a', 1), row('b', 3)]);
    const after = client.getQueryData<ReturnType<typeof row>[]>(key)!;
    expect(after[0]).toBe(before[0]);
    expect(after[1]!.value).toBe(3);
  });
});
