import type { DataSource } from 'typeorm';
import type { AppConfig } from '@clinrank/server-core';
import {
  AdaptiveOverlapRepository,
  AdaptiveOverlapService,
  AssignmentRepository,
  AssignmentService,
} from '@clinrank/server-assignment';
import { AuditRepository, AuditService } from '@clinrank/server-audit';
import { BertScoreService, TrainingRunRepository, TrainingService } from '@clinrank/server-training';
import { EvaluationRepository, EvaluationService } from '@clinrank/server-evaluation';
import { DatasetService, DatasetSnapshotRepository, ExportItemsRepository } from '@clinrank/server-dataset';
import { UserRepository, UsersService } from '@clinrank/server-identity';
import { ItemImportService, ItemRepository } from '@clinrank/server-item';
import { LabelRepository, LabelService } from '@clinrank/server-label';
import { ProjectOverlapHooks, ProjectRepository, ProjectService } from '@clinrank/server-project';
import { ProgressRepository, ProgressService, ReviewRepository, ReviewService } from '@clinrank/server-review';

/** The services wired by hand, for the CLI and the seed, which run without an HTTP server. */
export function createServices(dataSource: DataSource, config: AppConfig) {
  const audit = new AuditService(new AuditRepository(dataSource));
  const items = new ItemRepository(dataSource);
  const users = new UsersService(dataSource, audit, config, new UserRepository(dataSource));
  const overlapHooks = new ProjectOverlapHooks();
  const projects = new ProjectService(dataSource, audit, new ProjectRepository(dataSource), overlapHooks);
  const adaptiveOverlap = new AdaptiveOverlapService(new AdaptiveOverlapRepository(), overlapHooks);
  adaptiveOverlap.onModuleInit();
  const evaluation = new EvaluationService(dataSource, audit, projects, new EvaluationRepository(dataSource));
  const assignments = new AssignmentService(
    dataSource,
    audit,
    new AssignmentRepository(dataSource),
    projects,
    evaluation,
  );
  const snapshots = new DatasetSnapshotRepository(dataSource);
  const runs = new TrainingRunRepository(dataSource);
  const training = new TrainingService(dataSource, audit, config, runs, snapshots);
  return {
    audit,
    users,
    projects,
    imports: new ItemImportService(dataSource, audit, users, items),
    assignments,
    labels: new LabelService(dataSource, audit, assignments, new LabelRepository(), items, adaptiveOverlap),
    progress: new ProgressService(new ProgressRepository(dataSource)),
    review: new ReviewService(dataSource, audit, projects, new ReviewRepository(dataSource)),
    evaluation,
    datasets: new DatasetService(dataSource, audit, config, projects, snapshots, new ExportItemsRepository()),
    training,
    bertScore: new BertScoreService(runs, projects, evaluation, training, config),
  };
}

export type Services = ReturnType<typeof createServices>;
