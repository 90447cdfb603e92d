/** A verdict as a lead reads it: response letters in the item's own order ("A", "A = B", "tie") and the answer's first words. */
export interface VerdictLabel {
  label: string;
  excerpt: string | null;
}

const EXCERPT_WORDS = 8;

/** Letter of the response at `index` in the item's order: A, B, … */
export function responseLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** The first words of an answer, whitespace collapsed, with an ellipsis when cut. */
export function firstWords(text: string, words = EXCERPT_WORDS): string {
  const all = text
    .replace(/[#*_>`]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : all.join(' ');
}

/**
 * Names a verdict (a response id, ids joined by "=", "tie" or "both_bad") by the responses' letters in the item's
 * order, never by ids; a single response also gets its first words.
 */
export function verdictLabel(
  verdict: string | null,
  responses: readonly { id: string; text: string }[],
): VerdictLabel | null {
  if (verdict === null) return null;
  const index = new Map(responses.map((response, position) => [response.id, position]));
  const ids = verdict.split('=');
  if (!ids.every((id) => index.has(id))) return { label: verdict, excerpt: null };
  const letters = ids
    .map((id) => index.get(id)!)
    .sort((x, y) => x - y)
    .map(responseLetter);
  const excerpt = ids.length === 1 ? firstWords(responses[index.get(ids[0])!].text) : null;
  return { label: letters.join(' = '), excerpt };
}
