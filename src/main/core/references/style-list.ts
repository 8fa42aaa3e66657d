// The citation styles a researcher can choose (ids as the CSL project names them). Plain data, so the UI and
// the contract can list them without loading the CSL processor.
export const citationStyles = [
  { id: 'chicago-author-date', label: 'Chicago (author-date)' },
  { id: 'apa', label: 'APA' },
  { id: 'modern-language-association', label: 'MLA' },
  { id: 'harvard-cite-them-right', label: 'Harvard (Cite Them Right)' },
  { id: 'ieee', label: 'IEEE' },
  { id: 'vancouver', label: 'Vancouver' },
] as const;
export type CitationStyle = (typeof citationStyles)[number]['id'];
export const citationStyleIds = citationStyles.map((s) => s.id) as [CitationStyle, ...CitationStyle[]];
export const DEFAULT_CITATION_STYLE: CitationStyle = 'chicago-author-date';
