// The pure reports entry point: worker threads import this, never index.ts, so they load no NestJS or database code.
export { buildEvaluationReport } from './evaluation-report.js';
export type { EvaluationReport, EvaluationReportOptions } from './evaluation-report.js';
export type { CampaignJudgement } from './campaign-judgements.js';
