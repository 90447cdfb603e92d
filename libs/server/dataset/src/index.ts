export { DatasetModule } from './dataset.module.js';
export { DatasetService } from './dataset.service.js';
