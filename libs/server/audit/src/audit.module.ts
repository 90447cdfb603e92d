import { Global, Module } from '@nestjs/common';
import { DatabaseModule } from '@clinrank/server-core';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditRepository } from './audit.repository.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  imports: [DatabaseModule.forFeature([AuditEntryEntity])],
  providers: [AuditRepository, AuditService, AuditResolver],
  exports: [AuditService],
})
export class AuditModule {}
