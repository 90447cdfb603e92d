import { AuditEntryEntity } from '../../modules/audit/audit-entry.entity.js';
import { UserEntity } from '../../modules/identity/user.entity.js';
import { ItemEntity, ResponseEntity } from '../../modules/item/item.entity.js';
import { AdjudicationEntity, AssignmentEntity, LabelEntity } from '../../modules/label/label.entity.js';
import { GuidelineVersionEntity, ProjectEntity } from '../../modules/project/project.entity.js';

export const ENTITIES = [UserEntity, AuditEntryEntity, ProjectEntity, GuidelineVersionEntity, ItemEntity, ResponseEntity, LabelEntity, AssignmentEntity, AdjudicationEntity];
