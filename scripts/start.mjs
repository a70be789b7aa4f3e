#!/usr/bin/env node
// `npm start`: build the web app if its sources changed, then run the custom server in production.
import { spawn } from 'node:child_process';
import { ensureBuild, root } from './ensureBuild.mjs';

ensureBuild();
const server = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
