// Addresses taken from imported files (front matter, <meta>, JSON-LD, a "Source:" line) end up as links in the
// reader. Only web and mail addresses may: `javascript:`, `data:`, `vbscript:`, `file:` and the like are how
// a hostile page turns a link into code, so they are dropped rather than stored.

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** No real page address is this long; a longer "URL" is a payload or a mistake, not something to follow. */
const MAX_URL_LENGTH = 4096;
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not hide in a link
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The address, trimmed, when it is an http(s) or mailto URL (a bare `www.` host becomes https); null for
 * anything else. Judged by how a browser parses it, so `JaVaScRiPt:`, ` javascript:` and `java\tscript:`
 * are all caught.
 */
export function safeUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  let url = raw.trim();
  if (url === '' || url.length > MAX_URL_LENGTH || CONTROL.test(url)) return null;
  if (/^www\./i.test(url)) url = `https://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return SAFE_PROTOCOLS.has(parsed.protocol) ? url : null;
}
