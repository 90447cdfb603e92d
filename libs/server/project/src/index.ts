export { TaskKindEnum } from './dto/project.dto.js';
export { GuidelineVersionEntity, ProjectEntity } from './project.entity.js';
export { ProjectModule } from './project.module.js';
export { ProjectService, importRules, labelRules } from './project.service.js';
export { ProjectMemberEntity } from './project-member.entity.js';
export { ProjectRepository } from './project.repository.js';
export { ProjectOverlapHooks, type OverlapChangedHandler } from './project-overlap-hooks.js';
