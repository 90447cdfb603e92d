export { EvaluationModule } from './evaluation.module.js';
export { EvaluationService } from './evaluation.service.js';
// Exported for the CLI's hand-wired services (createServices).
export { EvaluationRepository } from './evaluation.repository.js';
