// @ts-check
// What `npm start` does next, decided from plain facts (Node's version, whether the Electron runtime is
// there, whether a download is allowed, how a download went), so every branch is tested without Electron,
// a network or a build. Plain JavaScript: `npm start` must run on a fresh clone before anything is built.

/**
 * Electron 45 declares this Node in its package "engines", and so do its installer (@electron/get 5) and the
 * installer builder's @electron/rebuild 4. The browser mode, the CLI and the tests need only what Vite 8 needs.
 */
export const DESKTOP_NODE = '22.12.0';

const SERVE_HINT =
  'Meanwhile `npm run serve` gives you the same app in your web browser, on any Node from 20.19 on, without Electron.';

const NETWORK =
  'Behind a proxy set HTTPS_PROXY (and NO_PROXY) together with ELECTRON_GET_USE_PROXY=1; to download from a ' +
  'mirror set ELECTRON_MIRROR to its base URL; electron_config_cache sets the download cache folder.';

const HOW_TO_GET =
  'To get it, run `npm start` with internet access (without --no-install or ELECTRON_SKIP_BINARY_DOWNLOAD), or ' +
  `only the download with \`npx --no install-electron\`. ${NETWORK}`;

/**
 * @typedef {object} StartFacts
 * @property {string} node this Node's version, as in `process.versions.node`
 * @property {string} electron the version of the installed `electron` package
 * @property {boolean} runtime whether the Electron runtime (the binary) is installed
 * @property {string | null} skip why no download may be tried (`--no-install`, ELECTRON_SKIP_BINARY_DOWNLOAD), or null
 * @property {string | null} [failure] what the installer said when it failed; absent until it has run
 */

/** @typedef {{ step: 'launch' } | { step: 'install' } | { step: 'stop', message: string }} StartStep */

/**
 * The next step of `npm start`. Called before the installer runs and again after it, with `failure` set when
 * it failed: the answer is then never `install`, so the script tries the download at most once.
 * @param {StartFacts} facts
 * @returns {StartStep}
 */
export function nextStep(facts) {
  if (!nodeAtLeast(facts.node, DESKTOP_NODE)) {
    const missing = facts.runtime ? '' : `, and the Electron ${facts.electron} runtime is not installed yet`;
    const then = facts.runtime ? 'again.' : `again: \`npm start\` downloads the runtime. ${NETWORK}`;
    return stop(
      `Quire's desktop window needs Node ${DESKTOP_NODE} or newer (Electron ${facts.electron} and its installer ` +
        `require it); this is Node ${facts.node}${missing}. Install Node 22 (\`nvm install\` reads the version ` +
        `from .nvmrc; or https://nodejs.org), then run \`npm install && npm start\` ${then} ${SERVE_HINT}`,
    );
  }
  if (facts.runtime) return { step: 'launch' };
  if (facts.failure != null) {
    return stop(
      `Quire's desktop window needs the Electron ${facts.electron} runtime (about 100 MB, downloaded once), and ` +
        `the download failed: ${facts.failure}. ${HOW_TO_GET} ${SERVE_HINT}`,
    );
  }
  if (facts.skip != null) {
    return stop(
      `Quire's desktop window needs the Electron ${facts.electron} runtime, which is not installed, and ` +
        `${facts.skip} says not to download it. ${HOW_TO_GET} ${SERVE_HINT}`,
    );
  }
  return { step: 'install' };
}

/**
 * Why no download may be tried, or null when it may. `--no-install` is ours; ELECTRON_SKIP_BINARY_DOWNLOAD is
 * the variable Electron's own install step used to honour, and people set it on machines without internet.
 * @param {readonly string[]} args the script's arguments
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {string | null}
 */
export function skipReason(args, env) {
  if (args.includes('--no-install')) return '--no-install';
  const skip = env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  if (skip !== undefined && skip !== '' && skip !== '0' && skip.toLowerCase() !== 'false') {
    return `ELECTRON_SKIP_BINARY_DOWNLOAD=${skip}`;
  }
  return null;
}

/**
 * One line from what Electron's installer printed when it failed: it prints a stack, and a person needs
 * only the message at its top (`TypeError: fetch failed` -> `fetch failed`).
 * @param {string} stderr
 * @param {number | null} status the installer's exit status (null when it was killed)
 * @returns {string}
 */
export function installFailure(stderr, status) {
  const first = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('at '));
  const message = first?.replace(/^(?:[A-Za-z]*Error|Error \[[A-Z_]+\]):\s*/, '');
  if (message) return message === 'fetch failed' ? 'no connection to the download server' : message;
  if (status === 0) return 'the installer finished, but no runtime is in node_modules/electron/dist';
  return status === null ? 'the installer was stopped' : `the installer exited with status ${status}`;
}

/**
 * Whether `version` (like `22.12.0` or `v20.20.2`) is at least `minimum`.
 * @param {string} version
 * @param {string} minimum
 */
export function nodeAtLeast(version, minimum) {
  const parse = (/** @type {string} */ v) => v.replace(/^v/, '').split('.').map(Number);
  const have = parse(version);
  const need = parse(minimum);
  for (let i = 0; i < need.length; i++) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/**
 * Wraps a paragraph at `width` columns for the terminal; words longer than a line stay whole.
 * @param {string} text
 * @param {number} width
 */
export function wrap(text, width) {
  const lines = [];
  let line = '';
  // A `quoted command` is one word: a line break inside it would break copying it.
  for (const word of text.match(/(?:`[^`]*`|\S)+/g) ?? []) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/**
 * @param {string} message
 * @returns {StartStep}
 */
function stop(message) {
  return { step: 'stop', message };
}
