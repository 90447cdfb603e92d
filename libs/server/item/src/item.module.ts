import { Module } from '@nestjs/common';
import { TaskRepository } from '@clinrank/server-task';
import { IdentityModule } from '@clinrank/server-identity';
import { ProjectModule } from '@clinrank/server-project';
import { AuditModule } from '@clinrank/server-audit';
import { DatabaseModule } from '@clinrank/server-core';
import { ItemBrowseService } from './item-browse.service.js';
import { ItemImportService } from './item-import.service.js';
import { ItemEntity, ResponseEntity } from './item.entity.js';
import { ItemRepository } from './item.repository.js';
import { ItemResolver } from './item.resolver.js';
import { ItemUploadController } from './item-upload.controller.js';

@Module({
  imports: [DatabaseModule.forFeature([ItemEntity, ResponseEntity]), ProjectModule, IdentityModule, AuditModule],
  controllers: [ItemUploadController],
  providers: [ItemRepository, TaskRepository, ItemImportService, ItemBrowseService, ItemResolver],
  exports: [ItemImportService],
})
export class ItemModule {}
