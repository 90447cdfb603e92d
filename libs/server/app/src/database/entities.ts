import { AgreementCacheEntity } from '@clinrank/server-agreement';
import { AuditEntryEntity } from '@clinrank/server-audit';
import { DatasetSnapshotEntity } from '@clinrank/server-dataset';
import {
  TrainingArtifactEntity,
  TrainingAttemptEntity,
  TrainingLogEntity,
  TrainingMetricEntity,
  TrainingNodeEntity,
  TrainingRunEntity,
} from '@clinrank/server-training';
import { LoginAttemptEntity, LoginThrottleEntity, UserEntity } from '@clinrank/server-identity';
import { ItemEntity, ResponseEntity } from '@clinrank/server-item';
import { AdjudicationEntity, AssignmentEntity, LabelEntity } from '@clinrank/server-label';
import { GuidelineVersionEntity, ProjectEntity, ProjectMemberEntity } from '@clinrank/server-project';

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
  LoginAttemptEntity,
  LoginThrottleEntity,
  ProjectMemberEntity,
];
