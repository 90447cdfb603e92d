import { InitialSchema1763900000000 } from './1763900000000-InitialSchema.js';
import { LabelScreenSide1763900000500 } from './1763900000500-LabelScreenSide.js';
import { AgreementCache1763900001000 } from './1763900001000-AgreementCache.js';
import { DatasetSnapshots1763900002000 } from './1763900002000-DatasetSnapshots.js';
import { Training1763900003000 } from './1763900003000-Training.js';
import { QueueOrderIndex1763900005000 } from './1763900005000-QueueOrderIndex.js';
import { BertScoreRunKind1763900006000 } from './1763900006000-BertScoreRunKind.js';
import { LoginThrottleAndTokenVersion1763900007500 } from './1763900007500-LoginThrottleAndTokenVersion.js';
import { ProjectMaxResponses1763900012500 } from './1763900012500-ProjectMaxResponses.js';
import { ProjectMembers1763900014200 } from './1763900014200-ProjectMembers.js';
import { TrainingAttempts1763900019000 } from './1763900019000-TrainingAttempts.js';
import { AgreementTally1763900024000 } from './1763900024000-AgreementTally.js';
import { AdaptiveOverlap1763900025000 } from './1763900025000-AdaptiveOverlap.js';
import { PgBoss12Queue1763900030000 } from './1763900030000-PgBoss12Queue.js';
import { UncertaintyQueue1763900040000 } from './1763900040000-UncertaintyQueue.js';
import { TasksTable1763900090000 } from './1763900090000-TasksTable.js';
import { QueueStatistics1763900100000 } from './1763900100000-QueueStatistics.js';
import { OpenItemsQueueIndex1763900110000 } from './1763900110000-OpenItemsQueueIndex.js';
import { OpenLeaseCount1763900120000 } from './1763900120000-OpenLeaseCount.js';
import { AuditLogIndexesFitTheirReads1763900130000 } from './1763900130000-AuditLogIndexesFitTheirReads.js';
import { OwnTasksReadFromIndex1763900140000 } from './1763900140000-OwnTasksReadFromIndex.js';
import { SessionUserChanges1763900150000 } from './1763900150000-SessionUserChanges.js';

/** Every migration, in order. Listed explicitly so the compiled build needs no file globbing. */
export const ALL_MIGRATIONS = [
  InitialSchema1763900000000,
  LabelScreenSide1763900000500,
  AgreementCache1763900001000,
  DatasetSnapshots1763900002000,
  Training1763900003000,
  QueueOrderIndex1763900005000,
  BertScoreRunKind1763900006000,
  LoginThrottleAndTokenVersion1763900007500,
  ProjectMaxResponses1763900012500,
  ProjectMembers1763900014200,
  TrainingAttempts1763900019000,
  AgreementTally1763900024000,
  AdaptiveOverlap1763900025000,
  PgBoss12Queue1763900030000,
  UncertaintyQueue1763900040000,
  TasksTable1763900090000,
  QueueStatistics1763900100000,
  OpenItemsQueueIndex1763900110000,
  OpenLeaseCount1763900120000,
  AuditLogIndexesFitTheirReads1763900130000,
  OwnTasksReadFromIndex1763900140000,
  SessionUserChanges1763900150000,
];
