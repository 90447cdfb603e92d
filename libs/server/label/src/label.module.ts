import { Module } from '@nestjs/common';
import {
  AdaptiveOverlapRepository,
  AdaptiveOverlapService,
  AssignmentRepository,
  AssignmentService,
} from '@clinrank/server-assignment';
import { ItemRepository } from '@clinrank/server-item';
import { ProjectModule } from '@clinrank/server-project';
import { ReviewModule } from '@clinrank/server-review';
import { LabelRepository } from './label.repository.js';
import { LabelResolver } from './label.resolver.js';
import { LabelService } from './label.service.js';

@Module({
  imports: [ReviewModule, ProjectModule],
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
