export { TaskKindEnum } from './dto/project.dto.js';
export { GuidelineVersionEntity, ProjectEntity } from './project.entity.js';
export { ProjectModule } from './project.module.js';
export { ProjectService, importRules, labelRules } from './project.service.js';
