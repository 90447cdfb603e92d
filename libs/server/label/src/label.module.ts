import { Module } from '@nestjs/common';
import {
  AdaptiveOverlapRepository,
  AdaptiveOverlapService,
  TaskRepository,
  TaskService,
  ItemUncertaintyEntity,
  UncertaintyRepository,
  UncertaintyResolver,
  UncertaintyService,
} from '@clinrank/server-task';
import { DatabaseModule } from '@clinrank/server-core';
import { ItemRepository } from '@clinrank/server-item';
import { EvaluationModule } from '@clinrank/server-evaluation';
import { ProjectModule } from '@clinrank/server-project';
import { ReviewModule } from '@clinrank/server-review';
import { AdjudicationEntity, TaskEntity, LabelEntity } from './label.entity.js';
import { LabelRepository } from './label.repository.js';
import { LabelResolver } from './label.resolver.js';
import { LabelService } from './label.service.js';

@Module({
  imports: [
    DatabaseModule.forFeature([LabelEntity, TaskEntity, AdjudicationEntity, ItemUncertaintyEntity]),
    ReviewModule,
    ProjectModule,
    EvaluationModule,
  ],
  providers: [
    TaskRepository,
    TaskService,
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
  exports: [TaskService, AdaptiveOverlapService, LabelService],
})
export class LabelModule {}
