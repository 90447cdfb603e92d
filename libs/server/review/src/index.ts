export { ProgressService } from './progress.service.js';
export { ReviewModule } from './review.module.js';
export { ReviewService } from './review.service.js';
