import { AgreementModule } from './agreement/agreement.module.js';
import { AuditModule } from './audit/audit.module.js';
import { ComputeModule } from './compute/compute.module.js';
import { EvaluationModule } from './evaluation/evaluation.module.js';
import { DatasetModule } from './dataset/dataset.module.js';
import { HealthModule } from './health/health.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { ItemModule } from './item/item.module.js';
import { LabelModule } from './label/label.module.js';
import { ProjectModule } from './project/project.module.js';
import { ReviewModule } from './review/review.module.js';
import { TrainingModule } from './training/training.module.js';

/** Every feature module the API serves, in one list so tests build the same application as production. */
export const FEATURE_MODULES = [ComputeModule, AuditModule, IdentityModule, ProjectModule, ItemModule, LabelModule, ReviewModule, DatasetModule, AgreementModule, HealthModule, EvaluationModule, TrainingModule];
