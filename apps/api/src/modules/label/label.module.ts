import { Module } from '@nestjs/common';
import { AssignmentService } from '../assignment/assignment.service.js';
import { ReviewModule } from '../review/review.module.js';
import { LabelResolver } from './label.resolver.js';
import { LabelService } from './label.service.js';

@Module({ imports: [ReviewModule], providers: [AssignmentService, LabelService, LabelResolver], exports: [AssignmentService, LabelService] })
export class LabelModule {}
