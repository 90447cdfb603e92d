import { corpusBleu, smoothedSentenceBleu, type TokenizedItem } from './bleu.js';
import { badInput } from './errors.js';
import { corpusGleu, gleuStatistics } from './gleu.js';
import { bestOverReferences, rougeLF1, rougeNF1 } from './rouge.js';
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

/** Scores predictions with BLEU-1..4, GLEU, ROUGE-1/2/L and smoothed sentence BLEU-4, all over the shared tokenizer. */
export function scorePredictions(items: readonly PredictionItem[]): CorpusScores {
  if (items.length === 0) badInput('items', 'must contain at least one prediction');
  items.forEach(validateItem);
  requireUniqueIds(items);
  const tokenized: TokenizedItem[] = items.map((item) => ({ hypothesis: tokenize(item.prediction), references: item.references.map(tokenize) }));
  const itemScores = items.map((item, i) => scoreItem(item, tokenized[i]));
  const average = (pick: (scores: ItemScores) => number) => itemScores.reduce((sum, scores) => sum + pick(scores), 0) / itemScores.length;
  return {
    bleu1: corpusBleu(tokenized, 1),
    bleu2: corpusBleu(tokenized, 2),
    bleu3: corpusBleu(tokenized, 3),
    bleu4: corpusBleu(tokenized, 4),
    gleu: corpusGleu(tokenized),
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
  return new Map(languages.map((language) => [language, scorePredictions(items.filter((item) => item.language === language))]));
}

function scoreItem(item: PredictionItem, tokens: TokenizedItem): ItemScores {
  const gleu = gleuStatistics(tokens);
  return {
    id: item.id,
    language: item.language,
    predictionTokens: tokens.hypothesis.length,
    sentenceBleu4: smoothedSentenceBleu(tokens, 4),
    gleu: gleu === null ? null : gleu.matches / gleu.total,
    rouge1: bestOverReferences(tokens.references, (reference) => rougeNF1(tokens.hypothesis, reference, 1)),
    rouge2: bestOverReferences(tokens.references, (reference) => rougeNF1(tokens.hypothesis, reference, 2)),
    rougeL: bestOverReferences(tokens.references, (reference) => rougeLF1(tokens.hypothesis, reference)),
  };
}

/** Checks one prediction item's shape, naming the bad field. */
export function validateItem(item: PredictionItem, index: number): void {
  const at = `items[${index}]`;
  if (typeof item?.id !== 'string' || item.id === '') badInput(`${at}.id`, 'must be a non-empty string');
  if (typeof item.language !== 'string' || item.language === '') badInput(`${at}.language`, 'must be a non-empty string');
  if (typeof item.prediction !== 'string') badInput(`${at}.prediction`, 'must be a string');
  if (!Array.isArray(item.references) || item.references.length === 0) badInput(`${at}.references`, 'must be a non-empty list of strings');
  item.references.forEach((reference, r) => {
    if (typeof reference !== 'string' || tokenize(reference).length === 0) badInput(`${at}.references[${r}]`, 'must be a string with at least one word');
  });
}

function requireUniqueIds(items: readonly PredictionItem[]): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) badInput(`items[${index}].id`, `duplicates id "${item.id}"`);
    seen.add(item.id);
  });
}
