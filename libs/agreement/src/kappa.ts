import { badInput } from './errors.js';
import type { Label } from './labels.js';
import { levelScale } from './level-scale.js';
import { ReliabilityData } from './reliability-data.js';
import { compareText } from './value-order.js';

export interface FleissKappaResult {
  /** null when undefined: unequal numbers of ratings per unit, fewer than two per unit, or no variation. */
  kappa: number | null;
  reason?: string;
  units: number;
  ratersPerUnit: number | null;
}

/** Fleiss' kappa for nominal data; only defined when every unit has the same number m ≥ 2 of ratings. */
export function fleissKappa(input: Iterable<Label> | ReliabilityData): FleissKappaResult {
  const data = ReliabilityData.from(input);
  levelScale(data.values, 'nominal');
  const { start, values } = data.byUnit();
  const units = data.unitCount;
  if (units === 0) return { kappa: null, reason: 'no units', units, ratersPerUnit: null };
  const m = start[1] - start[0];
  for (let u = 1; u < units; u++) {
    const size = start[u + 1] - start[u];
    if (size !== m)
      return {
        kappa: null,
        reason: `units have different numbers of ratings (${m} and ${size}); Fleiss' kappa needs the same number for every unit`,
        units,
        ratersPerUnit: null,
      };
  }
  if (m < 2) return { kappa: null, reason: 'every unit has a single rating', units, ratersPerUnit: m };
  // P̄ = mean_i Σ_j n_ij(n_ij − 1)/(m(m − 1)); P_e = Σ_j p_j² with p_j = n_j/(N·m).
  const perUnit = new Int32Array(data.values.length);
  const totals = new Float64Array(data.values.length);
  let agreeingPairs = 0;
  for (let u = 0; u < units; u++) {
    for (let j = start[u]; j < start[u + 1]; j++) {
      agreeingPairs += 2 * perUnit[values[j]]++;
      totals[values[j]]++;
    }
    for (let j = start[u]; j < start[u + 1]; j++) perUnit[values[j]] = 0;
  }
  if (countNonZero(totals) < 2)
    return { kappa: null, reason: 'no variation (every rating is the same)', units, ratersPerUnit: m };
  const observed = agreeingPairs / (units * m * (m - 1));
  let chance = 0;
  for (const total of totals) chance += (total / (units * m)) ** 2;
  return { kappa: (observed - chance) / (1 - chance), units, ratersPerUnit: m };
}

export interface CohenKappaPair {
  /** Units both coders labelled. */
  n: number;
  kappa: number | null;
  reason?: string;
}

export interface CohenKappaOptions {
  /** Pairs sharing fewer units are left out (default 10). */
  minShared?: number;
}

/** Cohen's kappa for every pair of coders on the units they share, keyed "a|b" with a < b in string order. */
export function cohenKappaPairs(
  input: Iterable<Label> | ReliabilityData,
  options: CohenKappaOptions = {},
): Record<string, CohenKappaPair> {
  const minShared = options.minShared ?? 10;
  if (!Number.isInteger(minShared) || minShared < 1)
    badInput('minShared', `must be a positive integer, got ${minShared}`);
  const data = ReliabilityData.from(input);
  levelScale(data.values, 'nominal');
  const pipe = data.coders.find((coder) => coder.includes('|'));
  if (pipe !== undefined) badInput('coder', `ids used in "a|b" keys must not contain "|", got ${JSON.stringify(pipe)}`);
  const tables = pairTables(data);
  const byRank = [...data.coders].sort(compareText);
  const result: Record<string, CohenKappaPair> = {};
  const keys = [...tables.keys()].sort((x, y) => x - y);
  for (const key of keys) {
    const table = tables.get(key) as Map<number, number>;
    const n = sum(table.values());
    if (n < minShared) continue;
    const first = byRank[Math.floor(key / data.coderCount)];
    const second = byRank[key % data.coderCount];
    result[`${first}|${second}`] = { n, ...cohenKappaFromCells(table, data.values.length, n) };
  }
  return result;
}

/** Contingency cells per coder pair: pairKey = rank(a)·C + rank(b) with rank(a) < rank(b); cellKey = value(a)·V + value(b). */
function pairTables(data: ReliabilityData): Map<number, Map<number, number>> {
  const { start, coders, values } = data.byUnit();
  const rank = coderRanks(data.coders);
  const coderCount = data.coderCount;
  const valueCount = data.values.length;
  const tables = new Map<number, Map<number, number>>();
  for (let u = 0; u + 1 < start.length; u++) {
    for (let i = start[u]; i < start[u + 1]; i++) {
      for (let j = i + 1; j < start[u + 1]; j++) {
        const [lo, hi] = rank[coders[i]] < rank[coders[j]] ? [i, j] : [j, i];
        const pairKey = rank[coders[lo]] * coderCount + rank[coders[hi]];
        let table = tables.get(pairKey);
        if (table === undefined) tables.set(pairKey, (table = new Map()));
        const cellKey = values[lo] * valueCount + values[hi];
        table.set(cellKey, (table.get(cellKey) ?? 0) + 1);
      }
    }
  }
  return tables;
}

/** κ = (p_o − p_e)/(1 − p_e), in integer counts: (n·agree − Σ a_v b_v)/(n² − Σ a_v b_v). */
function cohenKappaFromCells(table: Map<number, number>, valueCount: number, n: number): Omit<CohenKappaPair, 'n'> {
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  let agree = 0;
  for (const [cell, count] of table) {
    const row = Math.floor(cell / valueCount);
    const column = cell % valueCount;
    if (row === column) agree += count;
    rows.set(row, (rows.get(row) ?? 0) + count);
    columns.set(column, (columns.get(column) ?? 0) + count);
  }
  let chancePairs = 0;
  for (const [value, count] of rows) chancePairs += count * (columns.get(value) ?? 0);
  if (chancePairs === n * n) return { kappa: null, reason: 'no variation (both coders used one and the same value)' };
  return { kappa: (n * agree - chancePairs) / (n * n - chancePairs) };
}

function coderRanks(coders: readonly string[]): Int32Array {
  const order = Array.from(coders.keys()).sort((x, y) => compareText(coders[x], coders[y]));
  const rank = new Int32Array(coders.length);
  order.forEach((coder, position) => (rank[coder] = position));
  return rank;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function countNonZero(values: Float64Array): number {
  let nonZero = 0;
  for (const value of values) if (value > 0) nonZero++;
  return nonZero;
}
