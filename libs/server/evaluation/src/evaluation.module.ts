import { Module } from '@nestjs/common';
import { ProjectModule } from '@clinrank/server-project';
import { EvaluationResolver } from './evaluation.resolver.js';
import { EvaluationRepository } from './evaluation.repository.js';
import { EvaluationService } from './evaluation.service.js';

@Module({
  imports: [ProjectModule],
  providers: [EvaluationRepository, EvaluationService, EvaluationResolver],
  exports: [EvaluationService],
})
export class EvaluationModule {}
