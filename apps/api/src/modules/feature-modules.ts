import { AuditModule } from './audit/audit.module.js';
import { HealthModule } from './health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { ItemModule } from './item/item.module.js';
import { LabelModule } from './label/label.module.js';
import { ProjectModule } from './project/project.module.js';
import { ReviewModule } from './review/review.module.js';

/** Every feature module the API serves, in one list so tests build the same application as production. */
export const FEATURE_MODULES = [AuditModule, IdentityModule, ProjectModule, ItemModule, LabelModule, ReviewModule, HealthModule];
