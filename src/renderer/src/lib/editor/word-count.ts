// Words in the note, counted over the editor's text chunk by chunk (no copy of a long note per keystroke). A word
// is a run of letters and digits, joined by apostrophes or hyphens; a script written without spaces counts one word per run.
import type { Text } from '@codemirror/state';

const WORD = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(chunk: string, i: number): boolean {
  const c = chunk.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORD.test(chunk[i] ?? '');
}

export function countWords(doc: Text): number {
  let words = 0;
  let inWord = false;
  for (const iter = doc.iter(); !iter.next().done;) {
    const chunk = iter.value;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      // Apostrophes and hyphens join words ("don't", "Su-30") but never start one (a "- " list marker).
      const word: boolean = c === 39 || c === 45 || c === 0x2019 ? inWord : isWordChar(chunk, i);
      if (word && !inWord) words++;
      inWord = word;
    }
  }
  return words;
}
