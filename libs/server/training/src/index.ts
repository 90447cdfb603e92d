export { BertScoreService } from './bertscore.service.js';
export type { BertScoreResults } from './bertscore.service.js';
export { TrainingRunDto } from './dto/training.dto.js';
export { TrainingModule } from './training.module.js';
export { TrainingService } from './training.service.js';
export type { TrainingRun } from './training.service.js';
