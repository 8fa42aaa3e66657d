// A CouchDB-protocol server on 127.0.0.1 for trying team notebooks without installing CouchDB (and for the e2e
// spec and the sync bench): express-pouchdb over in-memory databases. Prints its URL as the first line; stops on
// SIGINT/SIGTERM. Started with an IPC channel (tests/helpers/couch-process.ts) it also answers `stop` and `start`
// (a server going away and coming back with its data). `npx tsx scripts/test-couch.ts [--port N]`.
import { parseArgs } from 'node:util';
import { startTestCouch } from '../tests/helpers/couch-server';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const couch = await startTestCouch({ port: Number(values.port), controllable: true });
console.log(couch.url);
const stop = () => void couch.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
process.on('message', (message: unknown) => {
  const op = message === 'stop' ? couch.stop() : message === 'start' ? couch.start() : null;
  void op?.then(() => process.send?.(message));
});
process.on('disconnect', stop);
