// The pure analytics entry point: worker threads import this, never index.ts, so they load no NestJS or database code.
export { agreementSummary } from './agreement-summary.js';
export type { AgreementSummary } from './agreement-summary.js';
export { labellerQuality } from './labeller-quality.js';
export type { LabellerQualityReport } from './labeller-quality.js';
export type { ProjectLabels } from './agreement-labels.js';
