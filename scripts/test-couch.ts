// A CouchDB-protocol server on 127.0.0.1 for trying team notebooks without installing CouchDB (and for the e2e
// spec): express-pouchdb over in-memory databases. Prints its URL as the first line; stops on SIGINT/SIGTERM.
// `npx tsx scripts/test-couch.ts [--port N]`. Data lives only as long as the process.
import { parseArgs } from 'node:util';
import { startTestCouch } from '../tests/helpers/couch-server';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const couch = await startTestCouch({ port: Number(values.port), controllable: true });
console.log(couch.url);
const stop = () => void couch.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
