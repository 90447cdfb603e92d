import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { ChatMessage } from '@clinrank/domain';
import type { ExportRequest, SplitFractions, SplitName } from './request.js';
import type { ExportItem } from './types.js';

/** Maps a string to [0, 1) through the first 48 bits of its SHA-256. */
export function hashUnit(text: string): number {
  return hash48('sha256', text) / 2 ** 48;
}

type OneShotHash = (algorithm: string, data: string, encoding: 'hex') => string;
// crypto.hash (Node ≥ 20.12) skips building a Hash object: the export calls this for every item and answer.
const oneShot = (crypto as unknown as { hash?: OneShotHash }).hash;

/** The first 48 bits of a digest of the UTF-8 text, as a number. */
export function hash48(algorithm: 'sha256' | 'md5', text: string): number {
  if (oneShot) return parseInt(oneShot(algorithm, text, 'hex').slice(0, 12), 16);
  return createHash(algorithm).update(text, 'utf8').digest().readUIntBE(0, 6);
}

/** The split of a unit value: train below `train`, validation below `train + validation`, test above. */
export function splitOfUnit(unit: number, fractions: SplitFractions): SplitName {
  if (unit < fractions.train) return 'train';
  if (unit < fractions.train + fractions.validation || fractions.test === 0)
    return fractions.validation > 0 ? 'validation' : 'train';
  return 'test';
}

/** The stratum an item is hashed within: "" without stratification, else e.g. "zh|cardiology". */
export function stratumOf(
  item: Pick<ExportItem, 'language' | 'specialty'>,
  request: Pick<ExportRequest, 'stratify'>,
): string {
  return request.stratify.map((field) => item[field] ?? '').join('|');
}

/** Text with runs of whitespace collapsed to one space, trimmed and lowercased: what "the same text" means for splits. */
export function normaliseText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The normalised prompt of an item: its turns as "role: text" lines, so the same question under two ids is one key. */
export function promptKey(turns: ChatMessage[]): string {
  return turns.map((turn) => `${turn.role}: ${normaliseText(turn.content)}`).join('\n');
}

/**
 * Assigns an item to a split from sha256("seed:normalised prompt"): the same prompt text (imported twice, or under two
 * ids) always lands in the same split, and adding items never moves old ones. Not salted by stratum, so that no prompt
 * text can cross splits; strata get the target fractions in expectation, as before.
 */
export function assignSplit(turns: ChatMessage[], request: Pick<ExportRequest, 'seed' | 'split'>): SplitName {
  return splitOfUnit(hashUnit(`${request.seed}:${promptKey(turns)}`), request.split);
}
