/**
 * Starts a worker thread on one of our modules, given as a URL beside its caller
 * (`new URL('./x.ts', import.meta.url)`): a .ts entry through typeScriptWorker.mjs, which registers
 * tsx in the worker first (see there why); anything else directly.
 */
import { Worker } from 'node:worker_threads';

export function startWorker(entry: URL, name: string): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { name });
  return new Worker(new URL('./typeScriptWorker.mjs', import.meta.url), { name, workerData: { entry: entry.href } });
}
