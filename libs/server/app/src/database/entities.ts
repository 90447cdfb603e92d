import { AuditEntryEntity } from '@clinrank/server-audit';
import { UserEntity } from '@clinrank/server-identity';
import { ItemEntity, ResponseEntity } from '@clinrank/server-item';
import { AdjudicationEntity, AssignmentEntity, LabelEntity } from '@clinrank/server-label';
import { GuidelineVersionEntity, ProjectEntity } from '@clinrank/server-project';

export const ENTITIES = [UserEntity, AuditEntryEntity, ProjectEntity, GuidelineVersionEntity, ItemEntity, ResponseEntity, LabelEntity, AssignmentEntity, AdjudicationEntity];
