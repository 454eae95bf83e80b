/**
 * Where a term occurs in running text, as a regular expression source. Chinese has no spaces,
 * so a Chinese term matches anywhere; a term that begins or ends with a Latin letter or digit
 * must not continue a longer word there ("ReLU" is not found inside "PReLU", "Adam" not in "AdamW").
 */
const latinEdge = /^[A-Za-z0-9]$/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface TermPatternOptions {
  /** English prose: also "-s"/"-es" plurals and the British "-ise"/"-isation" spellings the site accepts. */
  englishForms?: boolean;
}

export function termPatternSource(term: string, { englishForms = false }: TermPatternOptions = {}): string {
  let body = escape(term);
  if (englishForms) body = body.replace(/iz(?=e|ation|ing)/g, 'i[sz]');
  const before = latinEdge.test(term.at(0) ?? '') ? '(?<![A-Za-z0-9])' : '';
  const plural = englishForms && /[A-Za-z]$/.test(term) ? '(?:e?s)?' : '';
  const after = latinEdge.test(term.at(-1) ?? '') ? '(?![A-Za-z0-9])' : '';
  return `${before}${body}${plural}${after}`;
}

/** Every match of `term` in `text` (case-insensitive: "Vanishing gradients" opens a sentence). */
export function findTerm(text: string, term: string, options?: TermPatternOptions): { index: number; match: string }[] {
  const re = new RegExp(termPatternSource(term, options), 'giu');
  return [...text.matchAll(re)].map((m) => ({ index: m.index, match: m[0] }));
}
