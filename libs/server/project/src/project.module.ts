import { Module } from '@nestjs/common';
import { DatabaseModule } from '@clinrank/server-core';
import { ProjectMemberEntity } from './project-member.entity.js';
import { ProjectMembersRepository } from './project-members.repository.js';
import { ProjectMembersResolver } from './project-members.resolver.js';
import { ProjectMembersService } from './project-members.service.js';
import { GuidelineVersionEntity, ProjectEntity } from './project.entity.js';
import { ProjectRepository } from './project.repository.js';
import { ProjectResolver } from './project.resolver.js';
import { ProjectService } from './project.service.js';

@Module({
  imports: [DatabaseModule.forFeature([ProjectEntity, GuidelineVersionEntity, ProjectMemberEntity])],
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
