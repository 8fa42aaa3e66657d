#!/usr/bin/env node
// The `quire` command: runs the built CLI (no Electron needed). Build once with `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write("quire: the CLI is not built yet. Run 'npm run build' in the Quire folder first.\n");
  process.exit(1);
}
await import(cli);
