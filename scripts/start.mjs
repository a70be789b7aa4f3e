#!/usr/bin/env node
// `npm start`: build the Next.js app when its sources changed since the last build, then run the
// custom server in production mode. A second start with unchanged sources skips the build.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BUILD_INPUTS = ['app', 'components', 'kpi-definitions', 'server', 'seed', 'next.config.js', 'package-lock.json', 'tsconfig.json'];
const stampFile = path.join(root, '.next', 'lienthong-build-hash');

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

const wanted = hashInputs();
const built = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : '';
if (built !== wanted || !fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.log('[start] building the web app (next build)…');
  const result = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stampFile, wanted);
} else {
  console.log('[start] web app build is up to date');
}

const server = spawn('npx', ['tsx', 'server/main.ts'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
