export { ComputeModule } from './compute.module.js';
export { HEAVY_COMPUTE, inlineCompute } from './heavy-compute.js';
export type { HeavyCompute } from './heavy-compute.js';
