export { ItemBrowseService } from './item-browse.service.js';
export { ItemImportService, assertProjectKindSupportsImport } from './item-import.service.js';
export { ItemEntity, ResponseEntity } from './item.entity.js';
export { ItemModule } from './item.module.js';
export { ItemRepository } from './item.repository.js';
