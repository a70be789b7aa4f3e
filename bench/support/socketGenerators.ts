/**
 * Load-generator processes of socket.io clients (bench/support/socketClients.ts), forked from a
 * benchmark and spoken to over IPC: one question at a time each.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Generator {
  child: ChildProcess;
  /** clients opened in it */
  clients: number;
  ask<T>(message: object): Promise<T>;
  close(): void;
}

export async function startGenerator(url: string): Promise<Generator> {
  const child = fork(path.join(here, 'socketClients.ts'), [url], { execArgv: ['--max-old-space-size=2048', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = () => new Promise<Record<string, unknown>>((resolve) => child.once('message', (m) => resolve(m as Record<string, unknown>)));
  await next();
  return {
    child,
    clients: 0,
    ask: async <T,>(message: object) => {
      const reply = next();
      child.send(message);
      return (await reply) as T;
    },
    close: () => {
      if (child.connected) child.send({ close: true });
      child.kill();
    },
  };
}
