import { Module } from '@nestjs/common';
import { ProjectMembersRepository } from './project-members.repository.js';
import { ProjectMembersResolver } from './project-members.resolver.js';
import { ProjectMembersService } from './project-members.service.js';
import { ProjectRepository } from './project.repository.js';
import { ProjectResolver } from './project.resolver.js';
import { ProjectService } from './project.service.js';
import { ProjectOverlapHooks } from './project-overlap-hooks.js';

@Module({
  providers: [
    ProjectRepository,
    ProjectService,
    ProjectOverlapHooks,
    ProjectResolver,
    ProjectMembersRepository,
    ProjectMembersService,
    ProjectMembersResolver,
  ],
  exports: [ProjectService, ProjectOverlapHooks],
})
export class ProjectModule {}
