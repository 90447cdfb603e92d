export { DatasetModule } from './dataset.module.js';
export { DatasetService } from './dataset.service.js';
export { DatasetSnapshotEntity } from './dataset-snapshot.entity.js';
// Exported on purpose: training reads snapshots (ready ones, and one by id) through the dataset feature's repository.
export { DatasetSnapshotRepository } from './dataset-snapshot.repository.js';
export type { ReadySnapshot, SnapshotRecord } from './dataset-snapshot.repository.js';
