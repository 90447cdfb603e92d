import { badInput } from './errors.js';

/** The swap of a pairwise outcome when its two responses are listed the other way round. */
export const PAIRWISE_SWAP: readonly [string, string] = ['a', 'b'];

/** One categorical judgement: `annotator` said `value` (one of the fit's classes) about `item`. */
export interface DsLabel {
  item: string;
  annotator: string;
  value: string;
}

export interface ConfusionPrior {
  /** Pseudo-counts on each confusion row's diagonal: the annotator gave the true class (default 2). */
  agree: number;
  /** Pseudo-counts on each off-diagonal cell (default 1). */
  disagree: number;
}

export interface DawidSkeneOptions {
  /** The outcomes, e.g. PAIRWISE_CHOICES in the item's response order, or a rating scale's values as strings. */
  classes: readonly string[];
  /** Items whose true class is known (gold): their posterior is clamped to it. */
  gold?: ReadonlyMap<string, string>;
  /** Dirichlet pseudo-counts smoothing every confusion row; their row means are an unseen annotator's confusion. */
  confusionPrior?: Partial<ConfusionPrior>;
  /** Dirichlet pseudo-count per class on the class priors (default 1). */
  classPrior?: number;
  /**
   * Two classes that trade places when an item's responses are listed the other way round (pairwise: PAIRWISE_SWAP).
   * Annotators see the sides in random order, so their confusion cannot depend on the listing: the fit keeps the
   * class priors and every confusion matrix symmetric under the swap. Without it, sparse pairwise labels (two per item)
   * let EM collapse onto "every item is A, annotators answer at random", which looks certain and is wrong.
   */
  swap?: readonly [string, string];
  /** EM iterations at most (default 200); one iteration is an M-step then an E-step. */
  maxIterations?: number;
  /** Stop once no item posterior moves by more than this in one iteration (default 1e-6). */
  tolerance?: number;
}

/** What the posterior of new labels needs: class priors and one confusion matrix per annotator. */
export interface DawidSkeneModel {
  classes: string[];
  /** P(true class k), k in `classes` order. */
  classPriors: Float64Array;
  annotators: string[];
  /** Per annotator (in `annotators` order), K×K row-major: [true k · K + given l] = P(says l | truth k). */
  confusion: Float64Array[];
  /** The prior's confusion (row-normalised pseudo-counts): used for an annotator the fit has not seen. */
  defaultConfusion: Float64Array;
}

export interface AnnotatorReliability {
  annotator: string;
  labels: number;
  /** Σₖ P(k)·P(says k | truth k): the chance this annotator gives the true class on a random item. */
  expectedAccuracy: number;
}

export interface DawidSkeneFit extends DawidSkeneModel {
  items: string[];
  /** items.length × K, row-major: P(item i's true class is k | all labels). */
  posteriors: Float64Array;
  reliability: AnnotatorReliability[];
  iterations: number;
  converged: boolean;
  /** Log-likelihood of the labels under the final parameters (priors not included). */
  logLikelihood: number;
}

interface Indexed {
  items: string[];
  annotators: string[];
  itemOf: Int32Array;
  annotatorOf: Int32Array;
  valueOf: Int32Array;
  /** Clamped true class per item, or −1. */
  goldOf: Int32Array;
}

/**
 * Dawid and Skene's (1979) EM for categorical labels from annotators of unknown reliability: estimates each
 * annotator's confusion matrix, the class priors and each item's posterior over the true class. Starts from the vote
 * shares (gold clamped), smooths with Dirichlet pseudo-counts, and is deterministic (items and annotators sorted).
 */
export function fitDawidSkene(labels: readonly DsLabel[], options: DawidSkeneOptions): DawidSkeneFit {
  const { classes, agree, disagree, classPrior, maxIterations, tolerance, swap } = readOptions(options);
  const K = classes.length;
  const data = indexLabels(labels, classes, options.gold);
  const nItems = data.items.length;
  const nAnnotators = data.annotators.length;
  let posteriors = initialPosteriors(data, K);
  const classPriors = new Float64Array(K);
  const confusion = data.annotators.map(() => new Float64Array(K * K));
  let iterations = 0;
  let converged = false;
  let logLikelihood = 0;
  while (iterations < maxIterations && !converged) {
    maximise(data, posteriors, K, { agree, disagree, classPrior }, swap, classPriors, confusion);
    const next = new Float64Array(nItems * K);
    logLikelihood = expect(data, classPriors, confusion, K, next);
    iterations++;
    converged = maxAbsChange(posteriors, next) <= tolerance;
    posteriors = next;
  }
  const labelCounts = new Int32Array(nAnnotators);
  for (const a of data.annotatorOf) labelCounts[a]++;
  const reliability = data.annotators.map((annotator, a) => ({
    annotator,
    labels: labelCounts[a],
    expectedAccuracy: expectedAccuracy(confusion[a], classPriors, K),
  }));
  return {
    classes,
    classPriors,
    annotators: data.annotators,
    confusion,
    defaultConfusion: priorConfusion(K, agree, disagree),
    items: data.items,
    posteriors,
    reliability,
    iterations,
    converged,
    logLikelihood,
  };
}

/** One item's posterior over `model.classes` given its labels; an annotator the model has not seen counts with the prior's confusion. */
export function itemPosterior(
  model: DawidSkeneModel,
  labels: ReadonlyArray<{ annotator: string; value: string }>,
): Float64Array {
  const K = model.classes.length;
  const classIndex = new Map(model.classes.map((value, k) => [value, k]));
  const annotatorIndex = new Map(model.annotators.map((annotator, a) => [annotator, a]));
  const logs = new Float64Array(K);
  for (let k = 0; k < K; k++) logs[k] = Math.log(model.classPriors[k]);
  labels.forEach((label, n) => {
    const l = classIndex.get(label.value);
    if (l === undefined) badInput(`labels[${n}].value`, `"${label.value}" is not one of ${model.classes.join(', ')}`);
    const a = annotatorIndex.get(label.annotator);
    const matrix = a === undefined ? model.defaultConfusion : model.confusion[a];
    for (let k = 0; k < K; k++) logs[k] += Math.log(matrix[k * K + l]);
  });
  return normaliseLogs(logs);
}

/** The most probable class of a posterior (the first on a tie) and its probability. */
export function posteriorMode(
  classes: readonly string[],
  posterior: ArrayLike<number>,
): { value: string; probability: number } {
  let best = 0;
  for (let k = 1; k < classes.length; k++) if (posterior[k] > posterior[best]) best = k;
  return { value: classes[best], probability: posterior[best] };
}

/** Item i's row of a fit's posteriors. */
export function posteriorOf(fit: DawidSkeneFit, item: string): Float64Array | null {
  const i = binarySearch(fit.items, item);
  if (i < 0) return null;
  const K = fit.classes.length;
  return fit.posteriors.slice(i * K, (i + 1) * K);
}

function readOptions(options: DawidSkeneOptions) {
  const classes = [...(options.classes ?? [])];
  if (classes.length < 2) badInput('classes', `needs at least two classes, got ${classes.length}`);
  if (new Set(classes).size !== classes.length) badInput('classes', 'must not repeat a class');
  const agree = options.confusionPrior?.agree ?? 2;
  const disagree = options.confusionPrior?.disagree ?? 1;
  const classPrior = options.classPrior ?? 1;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-6;
  for (const [field, value] of [
    ['confusionPrior.agree', agree],
    ['confusionPrior.disagree', disagree],
    ['classPrior', classPrior],
  ] as const) {
    if (!(value > 0 && Number.isFinite(value))) badInput(field, `must be a positive number, got ${value}`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1)
    badInput('maxIterations', `must be a positive integer, got ${maxIterations}`);
  if (!(tolerance > 0)) badInput('tolerance', `must be positive, got ${tolerance}`);
  const swap = readSwap(options.swap, classes);
  return { classes, agree, disagree, classPrior, maxIterations, tolerance, swap };
}

/** The swap as a permutation of class indices (the identity without one). */
function readSwap(swap: readonly [string, string] | undefined, classes: readonly string[]): Int32Array {
  const permutation = Int32Array.from(classes, (_, k) => k);
  if (swap === undefined) return permutation;
  const [x, y] = swap.map((value) => classes.indexOf(value));
  if (swap.length !== 2 || x < 0 || y < 0 || x === y)
    badInput('swap', `must name two different classes of ${classes.join(', ')}, got ${JSON.stringify(swap)}`);
  permutation[x] = y;
  permutation[y] = x;
  return permutation;
}

function indexLabels(
  labels: readonly DsLabel[],
  classes: readonly string[],
  gold: ReadonlyMap<string, string> | undefined,
): Indexed {
  const classIndex = new Map(classes.map((value, k) => [value, k]));
  const items = [...new Set(labels.map((label) => label.item))].sort(compareStrings);
  const annotators = [...new Set(labels.map((label) => label.annotator))].sort(compareStrings);
  const itemIndex = new Map(items.map((item, i) => [item, i]));
  const annotatorIndex = new Map(annotators.map((annotator, a) => [annotator, a]));
  const coded = labels.map((label, n) => {
    if (typeof label.item !== 'string' || typeof label.annotator !== 'string')
      badInput(`labels[${n}]`, 'item and annotator must be strings');
    const value = classIndex.get(label.value);
    if (value === undefined) badInput(`labels[${n}].value`, `"${label.value}" is not one of ${classes.join(', ')}`);
    return [itemIndex.get(label.item) as number, annotatorIndex.get(label.annotator) as number, value];
  });
  // Sorted, so that sums run in the same order whatever the input order: the fit is then identical to the last bit.
  coded.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const itemOf = Int32Array.from(coded, (label) => label[0]);
  const annotatorOf = Int32Array.from(coded, (label) => label[1]);
  const valueOf = Int32Array.from(coded, (label) => label[2]);
  const goldOf = new Int32Array(items.length).fill(-1);
  for (const [item, value] of gold ?? []) {
    const k = classIndex.get(value);
    if (k === undefined) badInput(`gold[${item}]`, `"${value}" is not one of ${classes.join(', ')}`);
    const i = itemIndex.get(item);
    if (i !== undefined) goldOf[i] = k;
  }
  return { items, annotators, itemOf, annotatorOf, valueOf, goldOf };
}

/** Vote shares per item (the usual start), or the gold class. */
function initialPosteriors(data: Indexed, K: number): Float64Array {
  const posteriors = new Float64Array(data.items.length * K);
  for (let n = 0; n < data.itemOf.length; n++) posteriors[data.itemOf[n] * K + data.valueOf[n]] += 1;
  for (let i = 0; i < data.items.length; i++) {
    if (data.goldOf[i] >= 0) {
      posteriors.fill(0, i * K, (i + 1) * K);
      posteriors[i * K + data.goldOf[i]] = 1;
      continue;
    }
    let total = 0;
    for (let k = 0; k < K; k++) total += posteriors[i * K + k];
    for (let k = 0; k < K; k++) posteriors[i * K + k] /= total;
  }
  return posteriors;
}

/** M-step: expected counts (pooled with their swapped selves) plus pseudo-counts, normalised: the Dirichlets' posterior means. */
function maximise(
  data: Indexed,
  posteriors: Float64Array,
  K: number,
  prior: { agree: number; disagree: number; classPrior: number },
  swap: Int32Array,
  classPriors: Float64Array,
  confusion: Float64Array[],
): void {
  classPriors.fill(prior.classPrior);
  for (let i = 0; i < data.items.length; i++) for (let k = 0; k < K; k++) classPriors[k] += posteriors[i * K + k];
  poolSwappedClasses(classPriors, swap);
  normalise(classPriors, 0, K);
  for (const matrix of confusion)
    for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) matrix[k * K + l] = k === l ? prior.agree : prior.disagree;
  for (let n = 0; n < data.itemOf.length; n++) {
    const matrix = confusion[data.annotatorOf[n]];
    const i = data.itemOf[n];
    const l = data.valueOf[n];
    for (let k = 0; k < K; k++) matrix[k * K + l] += posteriors[i * K + k];
  }
  for (const matrix of confusion) poolSwappedCells(matrix, swap, K);
  for (const matrix of confusion) for (let k = 0; k < K; k++) normalise(matrix, k * K, (k + 1) * K);
}

/** Averages class counts with their swapped selves (k with σk); a no-op without a swap. */
function poolSwappedClasses(counts: Float64Array, swap: Int32Array): void {
  const before = counts.slice();
  for (let k = 0; k < counts.length; k++) counts[k] = (before[k] + before[swap[k]]) / 2;
}

/** Averages confusion counts with their swapped selves: [k][l] with [σk][σl]. */
function poolSwappedCells(matrix: Float64Array, swap: Int32Array, K: number): void {
  const before = matrix.slice();
  for (let k = 0; k < K; k++)
    for (let l = 0; l < K; l++) matrix[k * K + l] = (before[k * K + l] + before[swap[k] * K + swap[l]]) / 2;
}

/** E-step into `posteriors`; returns the log-likelihood of the labels. Log space: many labels would underflow a product. */
function expect(
  data: Indexed,
  classPriors: Float64Array,
  confusion: Float64Array[],
  K: number,
  posteriors: Float64Array,
): number {
  const logPriors = classPriors.map(Math.log);
  const logConfusion = confusion.map((matrix) => matrix.map(Math.log));
  for (let i = 0; i < data.items.length; i++) posteriors.set(logPriors, i * K);
  for (let n = 0; n < data.itemOf.length; n++) {
    const logs = logConfusion[data.annotatorOf[n]];
    const row = data.itemOf[n] * K;
    const l = data.valueOf[n];
    for (let k = 0; k < K; k++) posteriors[row + k] += logs[k * K + l];
  }
  let logLikelihood = 0;
  for (let i = 0; i < data.items.length; i++) {
    const row = i * K;
    let top = -Infinity;
    for (let k = 0; k < K; k++) top = Math.max(top, posteriors[row + k]);
    let total = 0;
    for (let k = 0; k < K; k++) total += Math.exp(posteriors[row + k] - top);
    logLikelihood += top + Math.log(total);
    for (let k = 0; k < K; k++) posteriors[row + k] = Math.exp(posteriors[row + k] - top) / total;
    if (data.goldOf[i] >= 0) {
      posteriors.fill(0, row, row + K);
      posteriors[row + data.goldOf[i]] = 1;
    }
  }
  return logLikelihood;
}

function expectedAccuracy(matrix: Float64Array, classPriors: Float64Array, K: number): number {
  let accuracy = 0;
  for (let k = 0; k < K; k++) accuracy += classPriors[k] * matrix[k * K + k];
  return accuracy;
}

function priorConfusion(K: number, agree: number, disagree: number): Float64Array {
  const matrix = new Float64Array(K * K);
  const rowTotal = agree + (K - 1) * disagree;
  for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) matrix[k * K + l] = (k === l ? agree : disagree) / rowTotal;
  return matrix;
}

function normaliseLogs(logs: Float64Array): Float64Array {
  const top = Math.max(...logs);
  const out = logs.map((value) => Math.exp(value - top));
  normalise(out, 0, out.length);
  return out;
}

function normalise(values: Float64Array, from: number, to: number): void {
  let total = 0;
  for (let k = from; k < to; k++) total += values[k];
  for (let k = from; k < to; k++) values[k] /= total;
}

function maxAbsChange(before: Float64Array, after: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < before.length; i++) largest = Math.max(largest, Math.abs(after[i] - before[i]));
  return largest;
}

function compareStrings(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function binarySearch(sorted: readonly string[], target: string): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const order = compareStrings(sorted[middle], target);
    if (order === 0) return middle;
    if (order < 0) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
