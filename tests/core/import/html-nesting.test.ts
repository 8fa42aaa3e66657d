import { describe, expect, it } from 'vitest';
import { extractFile } from '../../../src/main/core/import/extract';
import { limitNesting, MAX_DEPTH } from '../../../src/main/core/import/html-nesting';
import { parseDocument } from '../../../src/main/core/import/html-dom';

const STORY = '<p>Myanmar and Russia signed a defence agreement on Tuesday, officials in Naypyitaw said.</p>';
const nested = (depth: number, tag = 'div') =>
  `${`<${tag}>`.repeat(depth)}${STORY}${`</${tag}>`.repeat(depth)}`;

function depthOf(html: string): number {
  const doc = parseDocument(html);
  let deepest = 0;
  const stack = [{ node: doc.documentElement, depth: 1 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item?.node) continue;
    deepest = Math.max(deepest, item.depth);
    for (const child of Array.from(item.node.childNodes)) {
      if (child.nodeType === 1) stack.push({ node: child as typeof item.node, depth: item.depth + 1 });
    }
  }
  return deepest;
}

describe('limitNesting', () => {
  it('leaves ordinary pages exactly as they are', () => {
    const page = `<!doctype html><html><head><title>T</title><script>if (a < b) document.write('<div>')</script></head>
      <body>${nested(40)}<ul>${'<li>item'.repeat(3000)}</ul>${'<p>para'.repeat(3000)}<svg>${'<path d="M0"/>'.repeat(2000)}</svg></body></html>`;
    expect(limitNesting(page)).toBe(page);
  });

  it('drops the tags past the limit and keeps their text', () => {
    const html = `<html><body>${nested(5000)}</body></html>`;
    const limited = limitNesting(html);
    expect(depthOf(limited)).toBeLessThanOrEqual(MAX_DEPTH + 3);
    expect(parseDocument(limited).body?.textContent).toContain('signed a defence agreement');
  });

  it('counts elements left open, not only nested ones', () => {
    const html = `<html><body>${'<span>x'.repeat(3000)}</body></html>`;
    expect(limitNesting(html)).not.toBe(html);
    expect(depthOf(limitNesting(html))).toBeLessThanOrEqual(MAX_DEPTH + 3);
  });

  // Unlimited, the parser takes minutes here (its stack of open elements is grown from the front); the
  // test's own timeout is the bound.
  it('imports the article of a page nested 100,000 deep', async () => {
    const article = await extractFile(
      Buffer.from(`<html><body>${nested(100_000)}</body></html>`),
      'deep.html',
    );
    expect(article.text).toContain('signed a defence agreement');
  });
});
