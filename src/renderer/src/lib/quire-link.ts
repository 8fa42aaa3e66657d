// `quire://article/<id>?passage=<pid>&highlight=<hid>` (citations) and `quire://note/<title>` (rendered
// [[wikilinks]] in the preview). Tiny parser so the renderer needs no runtime code from the core.

export type QuireLink =
  | { kind: 'article'; articleId: string; passageId: string | null; highlightId: string | null }
  | { kind: 'note'; title: string };

export function parseQuireLink(href: string): QuireLink | null {
  const m = /^quire:\/\/(article|note)\/([^?#]+)(?:\?([^#]*))?/.exec(href);
  if (!m || !m[2]) return null;
  let target: string;
  try {
    target = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  if (m[1] === 'note') return { kind: 'note', title: target };
  const params = new URLSearchParams(m[3] ?? '');
  return {
    kind: 'article',
    articleId: target,
    passageId: params.get('passage'),
    highlightId: params.get('highlight'),
  };
}

export function noteHref(title: string): string {
  return `quire://note/${encodeURIComponent(title)}`;
}
