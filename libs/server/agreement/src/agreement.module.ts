import { Module } from '@nestjs/common';
import { DatabaseModule } from '@clinrank/server-core';
import { AgreementCacheEntity } from './agreement-cache.entity.js';
import { AgreementResolver } from './agreement.resolver.js';
import { AgreementService } from './agreement.service.js';

@Module({
  imports: [DatabaseModule.forFeature([AgreementCacheEntity])],
  providers: [AgreementService, AgreementResolver],
  exports: [AgreementService],
})
export class AgreementModule {}
