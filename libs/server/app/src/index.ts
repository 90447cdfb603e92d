export { connectAndMigrate, createDataSource } from './database/data-source.js';
export { FEATURE_MODULES } from './feature-modules.js';
export { createServices } from './services.js';
export type { Services } from './services.js';
