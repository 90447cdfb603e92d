import { Module } from '@nestjs/common';
import { ProjectResolver } from './project.resolver.js';
import { ProjectService } from './project.service.js';

@Module({ providers: [ProjectService, ProjectResolver], exports: [ProjectService] })
export class ProjectModule {}
