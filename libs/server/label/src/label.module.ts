import { Module } from '@nestjs/common';
import {
  AdaptiveOverlapRepository,
  AdaptiveOverlapService,
  AssignmentRepository,
  AssignmentService,
  ItemUncertaintyEntity,
  UncertaintyRepository,
  UncertaintyResolver,
  UncertaintyService,
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
    DatabaseModule.forFeature([LabelEntity, AssignmentEntity, AdjudicationEntity, ItemUncertaintyEntity]),
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
    UncertaintyRepository,
    UncertaintyService,
    UncertaintyResolver,
  ],
  exports: [AssignmentService, AdaptiveOverlapService, LabelService],
})
export class LabelModule {}
