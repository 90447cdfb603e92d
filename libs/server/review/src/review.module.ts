import { Module } from '@nestjs/common';
import { ProjectModule } from '@clinrank/server-project';
import { ProgressRepository } from './progress.repository.js';
import { ProgressService } from './progress.service.js';
import { ReviewRepository } from './review.repository.js';
import { ReviewResolver } from './review.resolver.js';
import { ReviewService } from './review.service.js';

@Module({
  imports: [ProjectModule],
  providers: [ProgressRepository, ProgressService, ReviewRepository, ReviewService, ReviewResolver],
  exports: [ProgressService, ReviewService],
})
export class ReviewModule {}
