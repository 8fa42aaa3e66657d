/**
 * Which links may leave the app for the system browser: plain http(s) with a host, nothing else
 * (no file:, javascript:, custom protocol handlers or credentials-in-URL tricks).
 * Returns the normalised URL to open, or null.
 */
export function safeExternalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!parsed.hostname || parsed.username || parsed.password) return null;
  return parsed.href;
}
