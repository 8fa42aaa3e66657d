// Articles as BibTeX (BibLaTeX dialect: `date`, `journaltitle`, `url`, which Zotero and biber read) and as
// CSL-JSON, both written by citation-js from the same CSL items.
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { ArticleRecord } from '../types';
import { articleItems } from './csl-items';

export function bibtexOf(articles: readonly ArticleRecord[]): string {
  if (!articles.length) return '';
  return String(new Cite(articleItems(articles)).format('biblatex')).trim() + '\n';
}

export function cslJsonOf(articles: readonly ArticleRecord[]): string {
  return `${JSON.stringify(articleItems(articles), null, 2)}\n`;
}
