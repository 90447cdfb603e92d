import { createHash } from 'node:crypto';
import type { ExportRequest, SplitFractions, SplitName } from './request.js';
import type { ExportItem } from './types.js';

/** Maps a string to [0, 1) through the first 48 bits of its SHA-256. */
export function hashUnit(text: string): number {
  return createHash('sha256').update(text, 'utf8').digest().readUIntBE(0, 6) / 2 ** 48;
}

/** The split of a unit value: train below `train`, validation below `train + validation`, test above. */
export function splitOfUnit(unit: number, fractions: SplitFractions): SplitName {
  if (unit < fractions.train) return 'train';
  if (unit < fractions.train + fractions.validation || fractions.test === 0) return fractions.validation > 0 ? 'validation' : 'train';
  return 'test';
}

/** The stratum an item is hashed within: "" without stratification, else e.g. "zh|cardiology". */
export function stratumOf(item: Pick<ExportItem, 'language' | 'specialty'>, request: Pick<ExportRequest, 'stratify'>): string {
  return request.stratify.map((field) => item[field] ?? '').join('|');
}

/**
 * Assigns an item to a split from sha256("seed:itemId") — or sha256("seed:stratum:itemId") when stratified — so the
 * assignment depends on nothing but the item itself: adding items never moves old ones.
 */
export function assignSplit(item: Pick<ExportItem, 'id' | 'language' | 'specialty'>, request: Pick<ExportRequest, 'seed' | 'split' | 'stratify'>): SplitName {
  const key = request.stratify.length === 0 ? `${request.seed}:${item.id}` : `${request.seed}:${stratumOf(item, request)}:${item.id}`;
  return splitOfUnit(hashUnit(key), request.split);
}
