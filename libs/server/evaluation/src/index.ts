export { EvaluationModule } from './evaluation.module.js';
export { EvaluationService } from './evaluation.service.js';
