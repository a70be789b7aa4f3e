/**
 * Loads @bsull/augurs (Grafana's WASM time-series library) for the server. Its default `init()`
 * fetches the .wasm by URL, which Node cannot do; `initSync` instantiates it from the package's own
 * .wasm file read from disk instead. The package is a `serverExternalPackages` entry (next.config.js),
 * so Next's server bundle requires it from node_modules like the custom server does, and the .wasm
 * sits beside the module we resolve. Each module graph instantiates once (a few ms).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as etsModule from '@bsull/augurs/ets';
import * as mstlModule from '@bsull/augurs/mstl';

export type { AutoETS } from '@bsull/augurs/ets';
export type { MSTL } from '@bsull/augurs/mstl';

let loaded = false;

/** The package's folder: resolved through its exported entry (the .wasm files are not exported). */
function packageDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('@bsull/augurs/mstl'));
  } catch {
    // a bundle whose import.meta.url does not lead to node_modules: the app's own folder does
    return join(process.cwd(), 'node_modules', '@bsull', 'augurs');
  }
}

function ensureLoaded(): void {
  if (loaded) return;
  const dir = packageDir();
  mstlModule.initSync({ module: readFileSync(join(dir, 'mstl_bg.wasm')) });
  etsModule.initSync({ module: readFileSync(join(dir, 'ets_bg.wasm')) });
  loaded = true;
}

/** MSTL decomposition with the given season lengths, its trend forecast by AutoETS. */
export function newMstlEts(seasonLengths: number[]): mstlModule.MSTL {
  ensureLoaded();
  return mstlModule.MSTL.ets(seasonLengths);
}

/**
 * AutoETS, non-seasonal (augurs' ETS has no seasonal component), additive errors only: we fit on
 * log/logit scales, where errors are additive, and it is four times faster than searching 'ZZN'.
 */
export function newAutoEts(): etsModule.AutoETS {
  ensureLoaded();
  return new etsModule.AutoETS(1, 'AZN');
}
