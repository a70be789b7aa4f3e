import type { AfterCommit, Db } from './db';

/** Runs what a committed transaction queued (see Transaction.afterCommit), in both modes. */
export async function runAfterCommit(db: Db, queued: readonly AfterCommit[]): Promise<void> {
  for (const work of queued) {
    try {
      await work(db);
    } catch (err) {
      console.error('[db] work after a commit failed (the transaction stays committed):', err);
    }
  }
}
