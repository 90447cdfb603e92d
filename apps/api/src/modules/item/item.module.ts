import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { ProjectModule } from '../project/project.module.js';
import { ItemImportService } from './item-import.service.js';
import { ItemResolver } from './item.resolver.js';

@Module({ imports: [ProjectModule, IdentityModule], providers: [ItemImportService, ItemResolver], exports: [ItemImportService] })
export class ItemModule {}
