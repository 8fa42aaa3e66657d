import { parseCitations, type QuireLink } from '../notes/citations';

/**
 * Points every `quire://article/…` citation of a note elsewhere (ids of another notebook, GUIDs of a project),
 * keeping the link text and everything around it as written. `to` returning null leaves a link unchanged.
 */
export function rewriteCitationLinks(body: string, to: (link: QuireLink) => QuireLink | null): string {
  let out = body;
  for (const c of parseCitations(body).reverse()) {
    const next = to(c);
    if (!next) continue;
    const q = new URLSearchParams();
    if (next.passageId) q.set('passage', next.passageId);
    if (next.highlightId) q.set('highlight', next.highlightId);
    const href = `quire://article/${encodeURIComponent(next.articleId)}${q.size ? `?${q.toString()}` : ''}`;
    const link = out.slice(c.start, c.end);
    const at = link.lastIndexOf('quire://');
    const old = /^quire:\/\/[^\s)>]+/.exec(link.slice(at))?.[0] ?? '';
    out = out.slice(0, c.start) + link.slice(0, at) + href + link.slice(at + old.length) + out.slice(c.end);
  }
  return out;
}
