import { Module } from '@nestjs/common';
import { AuditModule } from '@clinrank/server-audit';
import { ProjectModule } from '@clinrank/server-project';
import { DatabaseModule } from '@clinrank/server-core';
import { DatasetDownloadController } from './dataset-download.controller.js';
import { DatasetSnapshotEntity } from './dataset-snapshot.entity.js';
import { DatasetSnapshotRepository } from './dataset-snapshot.repository.js';
import { DatasetResolver } from './dataset.resolver.js';
import { DatasetService } from './dataset.service.js';
import { ExportItemsRepository } from './export-items.repository.js';

@Module({
  imports: [DatabaseModule.forFeature([DatasetSnapshotEntity]), AuditModule, ProjectModule],
  controllers: [DatasetDownloadController],
  providers: [DatasetService, DatasetResolver, DatasetSnapshotRepository, ExportItemsRepository],
  exports: [DatasetService, DatasetSnapshotRepository],
})
export class DatasetModule {}
