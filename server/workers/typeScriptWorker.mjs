/**
 * The first module of a worker thread whose entry is TypeScript. The app runs its sources through
 * tsx (`node --import tsx main.ts`), but Node 20 does not apply a parent's `--import` hooks to a
 * worker, so a worker started on a .ts file fails on its extension: this file registers tsx in the
 * worker, then imports the entry named in workerData.entry (a file: URL).
 */
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
