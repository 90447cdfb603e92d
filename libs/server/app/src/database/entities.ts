import { AgreementCacheEntity } from '@clinrank/server-agreement';
import { AuditEntryEntity } from '@clinrank/server-audit';
import { DatasetSnapshotEntity } from '@clinrank/server-dataset';
import { UserEntity } from '@clinrank/server-identity';
import { ItemEntity, ResponseEntity } from '@clinrank/server-item';
import { AdjudicationEntity, AssignmentEntity, LabelEntity } from '@clinrank/server-label';
import { GuidelineVersionEntity, ProjectEntity } from '@clinrank/server-project';
import {
  TrainingArtifactEntity,
  TrainingAttemptEntity,
  TrainingLogEntity,
  TrainingMetricEntity,
  TrainingNodeEntity,
  TrainingRunEntity,
} from '@clinrank/server-training';

export const ENTITIES = [
  UserEntity,
  AuditEntryEntity,
  ProjectEntity,
  GuidelineVersionEntity,
  ItemEntity,
  ResponseEntity,
  LabelEntity,
  AssignmentEntity,
  AdjudicationEntity,
  DatasetSnapshotEntity,
  AgreementCacheEntity,
  TrainingNodeEntity,
  TrainingRunEntity,
  TrainingAttemptEntity,
  TrainingMetricEntity,
  TrainingLogEntity,
  TrainingArtifactEntity,
];
