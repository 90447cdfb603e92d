import { Module } from '@nestjs/common';
import { ProjectModule } from '@clinrank/server-project';
import { ProgressService } from './progress.service.js';
import { ReviewResolver } from './review.resolver.js';
import { ReviewService } from './review.service.js';

@Module({ imports: [ProjectModule], providers: [ProgressService, ReviewService, ReviewResolver], exports: [ProgressService, ReviewService] })
export class ReviewModule {}
