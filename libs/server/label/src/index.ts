export { AdjudicationEntity, TaskEntity, LabelEntity } from './label.entity.js';
export { LabelModule } from './label.module.js';
export { LabelService } from './label.service.js';
export { LabelRepository } from './label.repository.js';
