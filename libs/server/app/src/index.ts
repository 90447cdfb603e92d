export { connectAndMigrate, createDataSource } from './database/data-source.js';
export { FEATURE_MODULES } from './feature-modules.js';
export { jwtModule } from './jwt-module.js';
export { ServiceContextModule, servicesOf, startServiceContext } from './service-context.js';
export type { ServiceContext, ServiceContextOptions, Services } from './service-context.js';
