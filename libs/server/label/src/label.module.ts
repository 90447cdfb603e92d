import { Module } from '@nestjs/common';
import {
  AdaptiveOverlapRepository,
  AdaptiveOverlapService,
  AssignmentRepository,
  AssignmentService,
} from '@clinrank/server-assignment';
import { DatabaseModule } from '@clinrank/server-core';
import { ItemRepository } from '@clinrank/server-item';
import { EvaluationModule } from '@clinrank/server-evaluation';
import { ProjectModule } from '@clinrank/server-project';
import { ReviewModule } from '@clinrank/server-review';
import { AdjudicationEntity, AssignmentEntity, LabelEntity } from './label.entity.js';
import { LabelRepository } from './label.repository.js';
import { LabelResolver } from './label.resolver.js';
import { LabelService } from './label.service.js';

@Module({
  imports: [
    DatabaseModule.forFeature([LabelEntity, AssignmentEntity, AdjudicationEntity]),
    ReviewModule,
    ProjectModule,
    EvaluationModule,
  ],
  providers: [
    AssignmentRepository,
    AssignmentService,
    AdaptiveOverlapRepository,
    AdaptiveOverlapService,
    ItemRepository,
    LabelRepository,
    LabelService,
    LabelResolver,
  ],
  exports: [AssignmentService, AdaptiveOverlapService, LabelService],
})
export class LabelModule {}
