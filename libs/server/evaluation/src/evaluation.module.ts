import { Module } from '@nestjs/common';
import { ProjectModule } from '@clinrank/server-project';
import { EvaluationResolver } from './evaluation.resolver.js';
import { EvaluationService } from './evaluation.service.js';

@Module({ imports: [ProjectModule], providers: [EvaluationService, EvaluationResolver], exports: [EvaluationService] })
export class EvaluationModule {}
