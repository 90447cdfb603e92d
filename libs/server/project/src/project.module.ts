import { Module } from '@nestjs/common';
import { ProjectMembersRepository } from './project-members.repository.js';
import { ProjectMembersResolver } from './project-members.resolver.js';
import { ProjectMembersService } from './project-members.service.js';
import { ProjectRepository } from './project.repository.js';
import { ProjectResolver } from './project.resolver.js';
import { ProjectService } from './project.service.js';

@Module({
  providers: [
    ProjectRepository,
    ProjectService,
    ProjectResolver,
    ProjectMembersRepository,
    ProjectMembersService,
    ProjectMembersResolver,
  ],
  exports: [ProjectService],
})
export class ProjectModule {}
