// Builds the Next.js app when its sources changed since the last build (a hash of the inputs is
// kept beside the build), so a second `npm start` or `npm test` skips it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BUILD_INPUTS = ['app', 'components', 'kpi-definitions', 'server', 'shared', 'seed', 'next.config.js', 'package-lock.json', 'tsconfig.json'];
const distDir = path.join(root, process.env.NEXT_DIST_DIR || '.next');
const stampFile = path.join(distDir, 'lienthong-build-hash');

function hashInputs() {
  const hash = createHash('sha256');
  const visit = (p) => {
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) visit(path.join(p, name));
    } else {
      hash.update(path.relative(root, p));
      hash.update(fs.readFileSync(p));
    }
  };
  for (const input of BUILD_INPUTS) visit(path.join(root, input));
  return hash.digest('hex');
}

export function ensureBuild() {
  const wanted = hashInputs();
  const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
  if (built === wanted && fs.existsSync(path.join(distDir, 'BUILD_ID'))) {
    console.log('[build] web app build is up to date');
    return;
  }
  console.log('[build] building the web app (next build)…');
  const result = spawnSync('npx', ['next', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stampFile, wanted);
}
