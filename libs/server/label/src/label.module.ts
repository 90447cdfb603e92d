import { Module } from '@nestjs/common';
import { AssignmentService } from '@clinrank/server-assignment';
import { ReviewModule } from '@clinrank/server-review';
import { LabelResolver } from './label.resolver.js';
import { LabelService } from './label.service.js';

@Module({ imports: [ReviewModule], providers: [AssignmentService, LabelService, LabelResolver], exports: [AssignmentService, LabelService] })
export class LabelModule {}
