import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { ProjectModule } from '../project/project.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { ItemBrowseService } from './item-browse.service.js';
import { ItemImportService } from './item-import.service.js';
import { ItemResolver } from './item.resolver.js';
import { ItemUploadController } from './item-upload.controller.js';

@Module({ imports: [ProjectModule, IdentityModule, AuditModule], controllers: [ItemUploadController], providers: [ItemImportService, ItemBrowseService, ItemResolver], exports: [ItemImportService] })
export class ItemModule {}
