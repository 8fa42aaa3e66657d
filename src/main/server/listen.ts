import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QuireError } from '../core/errors';

/** How many ports after the preferred one are tried before any free port will do. */
const NEXT_PORTS = 20;

function listenOnce(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function cannotListen(e: unknown, port: number, host: string): QuireError {
  const code = (e as NodeJS.ErrnoException).code;
  const message =
    code === 'EADDRINUSE'
      ? `Port ${port} is in use by another program. Choose another with --port N, or leave --port out and Quire picks a free one.`
      : code === 'EACCES'
        ? `Port ${port} needs administrator rights here. Choose a port above 1023 with --port N.`
        : `Quire cannot listen on ${host}:${port} (${code ?? String(e)}). Choose another port with --port N.`;
  return new QuireError('IO_ERROR', message, { cause: e });
}

/**
 * Listens on `preferred` (0: any free port). A port the user chose (`explicit`) is that port or an error
 * saying it is taken; a default port that is taken moves on to the next ones, then to any free port.
 * Resolves with the port actually listened on.
 */
export async function listenOnFreePort(
  server: Server,
  preferred: number,
  { explicit, host = '127.0.0.1' }: { explicit: boolean; host?: string },
): Promise<number> {
  const candidates =
    explicit || preferred === 0
      ? [preferred]
      : [...Array.from({ length: NEXT_PORTS }, (_, i) => preferred + i).filter((p) => p <= 65535), 0];
  let lastError: unknown;
  for (const port of candidates) {
    try {
      return await listenOnce(server, port, host);
    } catch (e) {
      lastError = e;
      if (explicit || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw cannotListen(e, port, host);
    }
  }
  throw cannotListen(lastError, preferred, host);
}
