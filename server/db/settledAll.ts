/**
 * Promise.all that settles only when every one has: a failure is thrown once nothing is left in
 * flight, so no statement of a transaction is still being sent when the caller rolls it back.
 * The way to send several statements of one transaction at once (they run in the order sent).
 */
export async function settledAll<T extends readonly unknown[]>(work: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
