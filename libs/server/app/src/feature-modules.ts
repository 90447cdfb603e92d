import { AgreementModule } from '@clinrank/server-agreement';
import { AuditModule } from '@clinrank/server-audit';
import { ComputeModule } from '@clinrank/server-compute';
import { EvaluationModule } from '@clinrank/server-evaluation';
import { DatasetModule } from '@clinrank/server-dataset';
import { HealthModule } from '@clinrank/server-health';
import { IdentityModule } from '@clinrank/server-identity';
import { ItemModule } from '@clinrank/server-item';
import { LabelModule } from '@clinrank/server-label';
import { ProjectModule } from '@clinrank/server-project';
import { ReviewModule } from '@clinrank/server-review';
import { TrainingModule } from '@clinrank/server-training';

/** Every feature module the API serves, in one list so tests build the same application as production. */
export const FEATURE_MODULES = [
  ComputeModule,
  AuditModule,
  IdentityModule,
  ProjectModule,
  ItemModule,
  LabelModule,
  ReviewModule,
  DatasetModule,
  AgreementModule,
  HealthModule,
  EvaluationModule,
  TrainingModule,
];
