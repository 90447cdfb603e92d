export { bertScoreCsv, bertScoreMarkdown } from './bertscore-format.js';
export {
  bertScoreInputJsonl,
  bertScoreLanguages,
  bertScoreRows,
  parseBertScorePredictions,
} from './bertscore-input.js';
export type { BertScoreRow } from './bertscore-input.js';
export { JUDGE_MODES, REPORT_GROUPINGS } from './evaluation-report.js';
export type { JudgeMode, ReportGrouping } from './evaluation-report.js';
export { EvaluationModule } from './evaluation.module.js';
export { EvaluationService } from './evaluation.service.js';
// Exported for the CLI's hand-wired services (createServices).
export { EvaluationRepository } from './evaluation.repository.js';
