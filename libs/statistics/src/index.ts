export { createRng } from './rng.js';
export { mean, variance, median, quantile } from './descriptive.js';
export { normalQuantile, normalCdf } from './normal.js';
export { binomialTestTwoSided, wilsonInterval } from './binomial.js';
export {
  bootstrapInterval,
  bootstrapIntervals,
  groupedBootstrapInterval,
  groupedBootstrapIntervals,
  type GroupedSample,
  type BootstrapOptions,
  type BootstrapInterval,
} from './bootstrap.js';
export {
  fitBradleyTerry,
  fitBradleyTerryTallies,
  sumBtTallies,
  tallyComparisons,
  type BtComparison,
  type BtFit,
  type BtOptions,
  type BtTallies,
} from './bradley-terry.js';
