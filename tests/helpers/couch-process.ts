// The test CouchDB-protocol server in a process of its own, as a real server is: the sync bench measures clients
// that do not share their one thread with the server's work. Stop and start keep its data (a server restart).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface CouchProcess {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startCouchProcess(): Promise<CouchProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../../scripts/test-couch.ts')],
    {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await Promise.race([
    once(lines, 'line'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`The test CouchDB server did not start (exit ${String(code)}).`);
    }),
  ])) as [string];
  lines.close();
  const ask = (op: 'stop' | 'start') => request(child, op);
  return {
    url,
    stop: () => ask('stop'),
    start: () => ask('start'),
    async close() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function request(child: ChildProcess, op: 'stop' | 'start'): Promise<void> {
  const answered = new Promise<void>((resolve) => {
    const onMessage = (message: unknown) => {
      if (message !== op) return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
  });
  child.send(op);
  await answered;
}
