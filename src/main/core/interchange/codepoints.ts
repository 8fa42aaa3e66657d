// REFI-QDA counts text positions in Unicode code points; JavaScript strings count UTF-16 code units. Outside
// the Basic Multilingual Plane (emoji, rare CJK) the two differ, so every position crossing the border converts.

/** For each UTF-16 index 0..length, the number of code points before it. */
export function codePointIndex(text: string): Uint32Array {
  const out = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    out[i] = cp;
    const c = text.charCodeAt(i);
    const isHigh = c >= 0xd800 && c <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      out[i + 1] = cp + 1;
      i++;
    }
    cp++;
  }
  out[text.length] = cp;
  return out;
}

/** For each code point index 0..count, its UTF-16 index. */
export function utf16Index(text: string): Uint32Array {
  const out: number[] = [];
  let i = 0;
  for (const ch of text) {
    out.push(i);
    i += ch.length;
  }
  out.push(i);
  return Uint32Array.from(out);
}
