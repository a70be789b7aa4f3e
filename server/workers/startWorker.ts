/**
 * Starts a worker thread on one of our modules, named by its path from the app's root
 * ('server/forecast/forecastWorker.ts'): a .ts entry through typeScriptWorker.mjs, which registers
 * tsx in the worker first (see there why); anything else directly.
 *
 * The files are found from this module's own location, or from the app's folder when this module
 * runs from Next's server bundle (.next/…), where our sources are not beside it. The paths are
 * built at run time on purpose: a literal `new URL('./x', import.meta.url)` makes the bundler pack
 * the worker and everything it imports (tsx, esbuild's binary) into the bundle.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** the app's root as seen from this file (server/workers/), else the working directory */
function appRoot(): string {
  try {
    const fromHere = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
    if (existsSync(join(fromHere, 'server', 'workers'))) return fromHere;
  } catch {
    // a bundle whose import.meta.url is not a file: URL
  }
  return process.cwd();
}

export function startWorker(entryFromRoot: string, name: string): Worker {
  const root = appRoot();
  const entry = pathToFileURL(join(root, entryFromRoot));
  if (!entryFromRoot.endsWith('.ts')) return new Worker(entry, { name });
  const bootstrap = pathToFileURL(join(root, 'server', 'workers', 'typeScriptWorker.mjs'));
  return new Worker(bootstrap, { name, workerData: { entry: entry.href } });
}
