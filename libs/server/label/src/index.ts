export { AdjudicationEntity, AssignmentEntity, LabelEntity } from './label.entity.js';
export { LabelModule } from './label.module.js';
export { LabelService } from './label.service.js';
