export { BertScoreService } from './bertscore.service.js';
export type { BertScoreResults } from './bertscore.service.js';
export { TrainingRunDto } from './dto/training.dto.js';
export { TrainingModule } from './training.module.js';
export { TrainingService } from './training.service.js';
export type { TrainingRun } from './training.service.js';
// Exported for the CLI's hand-wired services (createServices).
export { TrainingRunRepository } from './training-run.repository.js';
export { TrainingArtifactEntity } from './training-artifact.entity.js';
export { TrainingAttemptEntity } from './training-attempt.entity.js';
export { TrainingLogEntity } from './training-log.entity.js';
export { TrainingMetricEntity } from './training-metric.entity.js';
export { TrainingNodeEntity } from './training-node.entity.js';
export { TrainingRunEntity } from './training-run.entity.js';
