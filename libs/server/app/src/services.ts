import type { DataSource } from 'typeorm';
import type { AppConfig } from '@clinrank/server-core';
import { AssignmentService } from '@clinrank/server-assignment';
import { AuditService } from '@clinrank/server-audit';
import { BertScoreService, TrainingService } from '@clinrank/server-training';
import { EvaluationService } from '@clinrank/server-evaluation';
import { DatasetService } from '@clinrank/server-dataset';
import { UsersService } from '@clinrank/server-identity';
import { ItemImportService } from '@clinrank/server-item';
import { LabelService } from '@clinrank/server-label';
import { ProjectService } from '@clinrank/server-project';
import { ProgressService, ReviewService } from '@clinrank/server-review';

/** The services wired by hand, for the CLI and the seed, which run without an HTTP server. */
export function createServices(dataSource: DataSource, config: AppConfig) {
  const audit = new AuditService(dataSource);
  const users = new UsersService(dataSource, audit, config);
  const projects = new ProjectService(dataSource, audit);
  const assignments = new AssignmentService(dataSource, audit);
  const evaluation = new EvaluationService(dataSource, audit, projects);
  const training = new TrainingService(dataSource, audit, config);
  return {
    audit,
    users,
    projects,
    imports: new ItemImportService(dataSource, audit, users),
    assignments,
    labels: new LabelService(dataSource, audit, assignments),
    progress: new ProgressService(dataSource),
    review: new ReviewService(dataSource, audit, projects),
    evaluation,
    datasets: new DatasetService(dataSource, audit, config),
    training,
    bertScore: new BertScoreService(dataSource, projects, evaluation, training, config),
  };
}

export type Services = ReturnType<typeof createServices>;
