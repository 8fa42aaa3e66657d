// The Compare coders view's figures and lists, in words and numbers a researcher reads: percent with one decimal,
// kappa with two, the disagreements as two columns (what only A coded, what only B coded) with their places named.
import type { AgreementView, Disagreement } from '../../../main/core/sync/views';

export function percentText(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Kappa with two decimals; a negative kappa (agreement below chance) gets a real minus sign. */
export function kappaText(kappa: number): string {
  const text = kappa.toFixed(2);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

export interface DisagreementRow {
  key: string;
  disagreement: Disagreement;
  document: string;
  code: string;
  text: string;
}

/** The disagreements split by who coded them, each in document order, then by place in the text. */
export function disagreementColumns(view: AgreementView): { a: DisagreementRow[]; b: DisagreementRow[] } {
  const documents = new Map(view.documents.map((d, i) => [d.id, { title: d.title, order: i }]));
  const codes = new Map(view.codes.map((c) => [c.id, c.name]));
  const rows = view.disagreements.map((d, i) => ({
    key: `${d.documentId}:${d.codeId}:${d.start}:${d.codedBy}`,
    disagreement: d,
    document: documents.get(d.documentId)?.title ?? d.documentId,
    code: codes.get(d.codeId) ?? d.codeId,
    text: view.texts[i] ?? '',
  }));
  const order = (x: DisagreementRow, y: DisagreementRow): number =>
    (documents.get(x.disagreement.documentId)?.order ?? 0) -
      (documents.get(y.disagreement.documentId)?.order ?? 0) ||
    x.disagreement.start - y.disagreement.start ||
    x.code.localeCompare(y.code);
  return {
    a: rows.filter((r) => r.disagreement.codedBy === 'a').sort(order),
    b: rows.filter((r) => r.disagreement.codedBy === 'b').sort(order),
  };
}

/** Whether either coder coded any character of the chosen documents with the chosen codes (else no figures). */
export function anyCoding(view: AgreementView): boolean {
  const { both, onlyA, onlyB } = view.overall;
  return view.documents.length > 0 && view.codes.length > 0 && both + onlyA + onlyB > 0;
}

/** What the figures mean when there is little to compare, in a sentence; null when the figures speak for themselves. */
export function agreementNote(view: AgreementView): string | null {
  const { a, b } = view.coders;
  if (!anyCoding(view)) {
    return `Neither ${a} nor ${b} has coded these documents with these codes yet.`;
  }
  if (view.overall.both === 0) return `${a} and ${b} have no codes in common in these documents yet.`;
  if (view.disagreements.length === 0)
    return `${a} and ${b} coded exactly the same passages with the same codes.`;
  return null;
}
