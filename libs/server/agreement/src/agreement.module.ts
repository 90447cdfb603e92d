import { Module } from '@nestjs/common';
import { DatabaseModule } from '@clinrank/server-core';
import { AgreementLabelChangeEntity, AgreementTallyEntity } from './agreement-tally.entity.js';
import { AgreementCacheEntity } from './agreement-cache.entity.js';
import { AgreementResolver } from './agreement.resolver.js';
import { AgreementService } from './agreement.service.js';
import { ReliabilityRepository } from './reliability.repository.js';
import { ReliabilityResolver } from './reliability.resolver.js';
import { ReliabilityService } from './reliability.service.js';

@Module({
  imports: [DatabaseModule.forFeature([AgreementCacheEntity, AgreementTallyEntity, AgreementLabelChangeEntity])],
  providers: [AgreementService, AgreementResolver, ReliabilityRepository, ReliabilityService, ReliabilityResolver],
  exports: [AgreementService],
})
export class AgreementModule {}
