export { AuditEntryEntity } from './audit-entry.entity.js';
export { AuditModule } from './audit.module.js';
export { AuditService } from './audit.service.js';
export { AuditRepository } from './audit.repository.js';
export type { AuditInsertExpressions } from './audit.repository.js';
