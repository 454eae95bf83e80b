/**
 * The glossary's definitions are plain text with the maths written inline, TeX-like:
 * "h_{l+1} = h_l + F(h_l)", "e^(−z)", "Var(W) = 2/n_in". For display, the subscripts and
 * superscripts become <sub>/<sup> (on the glossary page and in the chapters' tooltips).
 */
export type DefinitionPart = { kind: 'text' | 'sub' | 'sup'; value: string };

// `_` or `^`, then a braced group, a parenthesised group (superscripts only) or a run of letters and digits.
const script = /([_^])(?:\{([^}]*)\}|(?<=\^)\(([^)]*)\)|([\p{L}\p{N}]+))/gu;

export function definitionParts(text: string): DefinitionPart[] {
  const parts: DefinitionPart[] = [];
  let last = 0;
  for (const m of text.matchAll(script)) {
    if (m.index > last) parts.push({ kind: 'text', value: text.slice(last, m.index) });
    parts.push({ kind: m[1] === '_' ? 'sub' : 'sup', value: m[2] ?? m[3] ?? m[4]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', value: text.slice(last) });
  return parts;
}

/** The definition as a reader's text: what an element holding its parts has as textContent. */
export const definitionText = (text: string) => definitionParts(text).map((p) => p.value).join('');
