import { badInput } from './errors.js';

export interface BtComparison {
  winner: string;
  loser: string;
  /** Weight of this comparison (default 1). */
  weight?: number;
  /** A tie gives half a win to each side. */
  tie?: boolean;
}

export interface BtFit {
  /** Log-strengths centred to mean 0, in ascending player-name order. */
  strengths: Map<string, number>;
  iterations: number;
  converged: boolean;
}

export interface BtOptions {
  maxIterations?: number;
  /** Stop when no log-strength moves by more than this in one iteration (default 1e-10). */
  tolerance?: number;
  /** Pseudo-wins and pseudo-losses each player has against a virtual player of strength 1 (default 0.01). */
  prior?: number;
}

/** Comparison totals over a list of players: all the fit reads, and what an item bootstrap can add up per resample. */
export interface BtTallies {
  players: string[];
  wins: Float64Array;
  /** games[i][j]: total weight of comparisons between players i and j. */
  games: Float64Array[];
  /** How many comparisons name each player (weight 0 included): a player named by none is left out of the fit. */
  appearances: Float64Array;
}
type Tallies = BtTallies;

/** Fits Bradley–Terry strengths by Hunter's (2004) MM algorithm with a small symmetric prior that keeps every strength finite. */
export function fitBradleyTerry(comparisons: readonly BtComparison[], options: BtOptions = {}): BtFit {
  return fitBradleyTerryTallies(tallyComparisons(comparisons), options);
}

/** fitBradleyTerry on totals already made (see tallyComparisons and sumBtTallies). */
export function fitBradleyTerryTallies(totals: BtTallies, options: BtOptions = {}): BtFit {
  const { maxIterations, tolerance, prior } = readOptions(options);
  const tallies = withoutAbsentPlayers(totals);
  if (prior === 0) requireWinsAndLosses(tallies);
  const n = tallies.players.length;
  const components = connectedComponents(tallies);
  let gamma: Float64Array = new Float64Array(n).fill(1);
  let iterations = 0;
  let converged = n === 0;
  while (!converged && iterations < maxIterations) {
    const next = mmStep(tallies, gamma, prior);
    if (prior === 0) normaliseGeometricMean(next);
    else for (const component of components) rescaleComponent(next, component);
    iterations++;
    converged = maxLogChange(gamma, next) <= tolerance;
    gamma = next;
  }
  return { strengths: centredLogStrengths(tallies.players, gamma), iterations, converged };
}

function readOptions(options: BtOptions): Required<BtOptions> {
  const maxIterations = options.maxIterations ?? 10_000;
  const tolerance = options.tolerance ?? 1e-10;
  const prior = options.prior ?? 0.01;
  if (!Number.isInteger(maxIterations) || maxIterations < 1)
    badInput('maxIterations', `must be a positive integer, got ${maxIterations}`);
  if (!(tolerance > 0)) badInput('tolerance', `must be positive, got ${tolerance}`);
  if (!(prior >= 0 && Number.isFinite(prior))) badInput('prior', `must be a finite number ≥ 0, got ${prior}`);
  return { maxIterations, tolerance, prior };
}

/**
 * Totals of the comparisons. `players` (sorted, holding every name compared) fixes the index, so that totals of
 * different subsets (items) can be added with sumBtTallies; by default, the names compared, sorted.
 */
export function tallyComparisons(comparisons: readonly BtComparison[], players?: readonly string[]): BtTallies {
  const names = new Set<string>();
  for (let k = 0; k < comparisons.length; k++) {
    const comparison = comparisons[k];
    if (typeof comparison.winner !== 'string' || typeof comparison.loser !== 'string')
      badInput(`comparisons[${k}]`, 'winner and loser must be strings');
    if (comparison.winner === comparison.loser)
      badInput(`comparisons[${k}]`, `a player cannot play itself ("${comparison.winner}")`);
    names.add(comparison.winner).add(comparison.loser);
  }
  const list = players ? [...players] : [...names].sort();
  const index = new Map(list.map((player, i) => [player, i]));
  for (const name of names)
    if (!index.has(name)) badInput('players', `must list every compared player; "${name}" is missing`);
  const tallies = emptyTallies(list);
  for (let k = 0; k < comparisons.length; k++) {
    const comparison = comparisons[k];
    const weight = comparison.weight ?? 1;
    if (!(weight >= 0 && Number.isFinite(weight)))
      badInput(`comparisons[${k}].weight`, `must be a finite number ≥ 0, got ${weight}`);
    const w = index.get(comparison.winner) as number;
    const l = index.get(comparison.loser) as number;
    const { wins, games, appearances } = tallies;
    appearances[w] += 1;
    appearances[l] += 1;
    if (comparison.tie) {
      wins[w] += weight / 2;
      wins[l] += weight / 2;
    } else {
      wins[w] += weight;
    }
    games[w][l] += weight;
    games[l][w] += weight;
  }
  return tallies;
}

function emptyTallies(players: readonly string[]): BtTallies {
  return {
    players: [...players],
    wins: new Float64Array(players.length),
    games: players.map(() => new Float64Array(players.length)),
    appearances: new Float64Array(players.length),
  };
}

/** Adds up totals made over the same player list (an item bootstrap's resample: one part per drawn item). */
export function sumBtTallies(parts: readonly BtTallies[], players: readonly string[]): BtTallies {
  const total = emptyTallies(players);
  const n = players.length;
  for (const part of parts) {
    if (part.players.length !== n) badInput('parts', 'must all be tallied over the same players');
    for (let i = 0; i < n; i++) {
      total.wins[i] += part.wins[i];
      total.appearances[i] += part.appearances[i];
      const row = part.games[i];
      const into = total.games[i];
      for (let j = 0; j < n; j++) into[j] += row[j];
    }
  }
  return total;
}

function withoutAbsentPlayers(tallies: BtTallies): BtTallies {
  const kept = tallies.players.map((_, i) => i).filter((i) => tallies.appearances[i] > 0);
  if (kept.length === tallies.players.length) return tallies;
  return {
    players: kept.map((i) => tallies.players[i]),
    wins: Float64Array.from(kept, (i) => tallies.wins[i]),
    games: kept.map((i) => Float64Array.from(kept, (j) => tallies.games[i][j])),
    appearances: Float64Array.from(kept, (i) => tallies.appearances[i]),
  };
}

// Without a prior, a player who never won (or never lost) has its MLE at −∞ (+∞).
function requireWinsAndLosses(tallies: Tallies): void {
  tallies.players.forEach((player, i) => {
    const played = tallies.games[i].reduce((sum, weight) => sum + weight, 0);
    const wins = tallies.wins[i];
    if (!(wins > 0 && wins < played))
      badInput('prior', `0 needs every player to have won and lost, but "${player}" has ${wins} of ${played}`);
  });
}

// γᵢ ← (Wᵢ + prior) / (Σⱼ nᵢⱼ/(γᵢ+γⱼ) + 2·prior/(γᵢ+1)): the virtual player has strength 1 and plays prior wins + prior losses.
function mmStep(tallies: Tallies, gamma: Float64Array, prior: number): Float64Array {
  const n = gamma.length;
  const next = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let denominator = (2 * prior) / (gamma[i] + 1);
    const row = tallies.games[i];
    for (let j = 0; j < n; j++) if (row[j] > 0) denominator += row[j] / (gamma[i] + gamma[j]);
    next[i] = (tallies.wins[i] + prior) / denominator;
  }
  return next;
}

/** Groups of players linked by comparisons; the prior is all that ties each group's overall scale down. */
function connectedComponents(tallies: Tallies): number[][] {
  const n = tallies.players.length;
  const seen = new Uint8Array(n);
  const components: number[][] = [];
  for (let start = 0; start < n; start++) {
    if (seen[start]) continue;
    const component: number[] = [];
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      component.push(i);
      for (let j = 0; j < n; j++) {
        if (!seen[j] && tallies.games[i][j] > 0) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    components.push(component.sort((x, y) => x - y));
  }
  return components;
}

// Comparisons inside a component do not change when all its strengths are multiplied by s; only the prior does,
// and MM moves that common scale very slowly when the prior is small. So maximise the prior's term over t = log s exactly:
// d/dt Σᵢ [log(sγᵢ) − 2·log(1 + sγᵢ)] = −Σᵢ tanh((t + θᵢ)/2) with θᵢ = log γᵢ, a decreasing function of t.
// Newton's method, kept inside a shrinking bracket, finds its root in a few steps.
function rescaleComponent(gamma: Float64Array, component: readonly number[]): void {
  const thetas = component.map((i) => Math.log(gamma[i]));
  let low = -Math.max(...thetas) - 1;
  let high = -Math.min(...thetas) + 1;
  let t = Math.min(Math.max(0, low), high);
  for (let step = 0; step < 200; step++) {
    let slope = 0;
    let curvature = 0;
    for (const theta of thetas) {
      const h = Math.tanh((t + theta) / 2);
      slope -= h;
      curvature -= (1 - h * h) / 2;
    }
    if (slope > 0) low = t;
    else high = t;
    const newton = t - slope / curvature;
    const next = newton > low && newton < high ? newton : (low + high) / 2;
    const moved = Math.abs(next - t);
    t = next;
    if (moved < 1e-15 || high - low < 1e-15) break;
  }
  const scale = Math.exp(t);
  for (const i of component) gamma[i] *= scale;
}

function normaliseGeometricMean(gamma: Float64Array): void {
  let logSum = 0;
  for (const value of gamma) logSum += Math.log(value);
  const scale = Math.exp(logSum / gamma.length);
  for (let i = 0; i < gamma.length; i++) gamma[i] /= scale;
}

function maxLogChange(before: Float64Array, after: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < before.length; i++)
    largest = Math.max(largest, Math.abs(Math.log(after[i]) - Math.log(before[i])));
  return largest;
}

function centredLogStrengths(players: string[], gamma: Float64Array): Map<string, number> {
  const logs = Array.from(gamma, (value) => Math.log(value));
  const centre = logs.reduce((sum, value) => sum + value, 0) / (logs.length || 1);
  return new Map(players.map((player, i) => [player, logs[i] - centre]));
}
