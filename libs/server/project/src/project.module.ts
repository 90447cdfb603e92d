import { Module } from '@nestjs/common';
import { ProjectMembersResolver } from './project-members.resolver.js';
import { ProjectMembersService } from './project-members.service.js';
import { ProjectResolver } from './project.resolver.js';
import { ProjectService } from './project.service.js';

@Module({ providers: [ProjectService, ProjectResolver, ProjectMembersService, ProjectMembersResolver], exports: [ProjectService] })
export class ProjectModule {}
