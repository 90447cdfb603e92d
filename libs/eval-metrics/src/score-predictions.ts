import {
  addBleuStatistics,
  bleuFromStatistics,
  bleuStatistics,
  emptyBleuStatistics,
  smoothedBleuFromStatistics,
  type BleuStatistics,
} from './bleu.js';
import { badInput } from './errors.js';
import { matchedGleuStatistics } from './gleu.js';
import { NgramMatcher } from './ngrams.js';
import { matchedRougeLF1, matchedRougeNF1 } from './rouge.js';
import { tokenize } from './tokenize.js';

/** One model output to score against its reference answers. */
export interface PredictionItem {
  id: string;
  language: string;
  prediction: string;
  references: string[];
}

/** Per-item scores, as fractions 0..1. */
export interface ItemScores {
  id: string;
  language: string;
  predictionTokens: number;
  sentenceBleu4: number;
  /** Sentence GLEU (best reference), null when the prediction and every reference are empty. */
  gleu: number | null;
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

/** Corpus scores as fractions 0..1: corpus BLEU-1..4 and GLEU, item-averaged ROUGE and smoothed sentence BLEU-4. */
export interface CorpusScores {
  bleu1: number;
  bleu2: number;
  bleu3: number;
  bleu4: number;
  gleu: number;
  rouge1: number;
  rouge2: number;
  rougeL: number;
  sentenceBleu4: number;
  items: ItemScores[];
}

const MAX_BLEU_ORDER = 4;

/**
 * Scores predictions with BLEU-1..4, GLEU, ROUGE-1/2/L and smoothed sentence BLEU-4, all over the shared tokenizer.
 * One pass: each text is tokenized once, its n-grams counted once over integer ids (NgramMatcher) for every metric, its
 * corpus statistics added up, then it is let go.
 */
export function scorePredictions(items: readonly PredictionItem[]): CorpusScores {
  if (items.length === 0) badInput('items', 'must contain at least one prediction');
  items.forEach(validateShape);
  requireUniqueIds(items);
  const bleu = emptyBleuStatistics();
  const gleu = { matches: 0, total: 0 };
  const matcher = new NgramMatcher(MAX_BLEU_ORDER);
  const itemScores = items.map((item, index) => {
    const references = item.references.map((reference, r) =>
      referenceTokens(reference, `items[${index}].references[${r}]`),
    );
    matcher.match(tokenize(item.prediction), references, true);
    const statistics = bleuStatistics(matcher, MAX_BLEU_ORDER);
    addBleuStatistics(bleu, statistics);
    const itemGleu = matchedGleuStatistics(matcher);
    if (itemGleu) {
      gleu.matches += itemGleu.matches;
      gleu.total += itemGleu.total;
    }
    return scoreItem(item, matcher, statistics, itemGleu);
  });
  const average = (pick: (scores: ItemScores) => number) =>
    itemScores.reduce((sum, scores) => sum + pick(scores), 0) / itemScores.length;
  return {
    bleu1: bleuFromStatistics(bleu, 1),
    bleu2: bleuFromStatistics(bleu, 2),
    bleu3: bleuFromStatistics(bleu, 3),
    bleu4: bleuFromStatistics(bleu, 4),
    gleu: gleu.total === 0 ? 0 : gleu.matches / gleu.total,
    rouge1: average((scores) => scores.rouge1),
    rouge2: average((scores) => scores.rouge2),
    rougeL: average((scores) => scores.rougeL),
    sentenceBleu4: average((scores) => scores.sentenceBleu4),
    items: itemScores,
  };
}

/** Scores each language's items separately, languages in ascending order. */
export function scorePredictionsByLanguage(items: readonly PredictionItem[]): Map<string, CorpusScores> {
  const languages = [...new Set(items.map((item) => item.language))].sort();
  return new Map(
    languages.map((language) => [language, scorePredictions(items.filter((item) => item.language === language))]),
  );
}

/** One item's scores from the matcher that has just matched it; ROUGE takes the best reference for each score. */
function scoreItem(
  item: PredictionItem,
  matcher: NgramMatcher,
  bleu: BleuStatistics,
  gleu: { matches: number; total: number } | null,
): ItemScores {
  let rouge1 = 0;
  let rouge2 = 0;
  let rougeL = 0;
  for (let r = 0; r < matcher.referenceLengths.length; r++) {
    rouge1 = Math.max(rouge1, matchedRougeNF1(matcher, r, 1));
    rouge2 = Math.max(rouge2, matchedRougeNF1(matcher, r, 2));
    rougeL = Math.max(rougeL, matchedRougeLF1(matcher, r));
  }
  return {
    id: item.id,
    language: item.language,
    predictionTokens: matcher.hypothesisLength,
    sentenceBleu4: smoothedBleuFromStatistics(bleu, MAX_BLEU_ORDER),
    gleu: gleu === null ? null : gleu.matches / gleu.total,
    rouge1,
    rouge2,
    rougeL,
  };
}

function referenceTokens(reference: string, field: string): string[] {
  const tokens = tokenize(reference);
  if (tokens.length === 0) badInput(field, 'must be a string with at least one word');
  return tokens;
}

/** Checks one prediction item's shape, naming the bad field. */
export function validateItem(item: PredictionItem, index: number): void {
  validateShape(item, index);
  item.references.forEach((reference, r) => referenceTokens(reference, `items[${index}].references[${r}]`));
}

function validateShape(item: PredictionItem, index: number): void {
  const at = `items[${index}]`;
  if (typeof item?.id !== 'string' || item.id === '') badInput(`${at}.id`, 'must be a non-empty string');
  if (typeof item.language !== 'string' || item.language === '')
    badInput(`${at}.language`, 'must be a non-empty string');
  if (typeof item.prediction !== 'string') badInput(`${at}.prediction`, 'must be a string');
  if (!Array.isArray(item.references) || item.references.length === 0)
    badInput(`${at}.references`, 'must be a non-empty list of strings');
  item.references.forEach((reference, r) => {
    if (typeof reference !== 'string') badInput(`${at}.references[${r}]`, 'must be a string with at least one word');
  });
}

function requireUniqueIds(items: readonly PredictionItem[]): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) badInput(`items[${index}].id`, `duplicates id "${item.id}"`);
    seen.add(item.id);
  });
}
