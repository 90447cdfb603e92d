import type { DataSource } from 'typeorm';
import type { AppConfig } from './config/app-config.js';
import { AssignmentService } from '../modules/assignment/assignment.service.js';
import { AuditService } from '../modules/audit/audit.service.js';
import { BertScoreService } from '../modules/evaluation/bertscore.service.js';
import { EvaluationService } from '../modules/evaluation/evaluation.service.js';
import { DatasetService } from '../modules/dataset/dataset.service.js';
import { UsersService } from '../modules/identity/users.service.js';
import { ItemImportService } from '../modules/item/item-import.service.js';
import { LabelService } from '../modules/label/label.service.js';
import { ProjectService } from '../modules/project/project.service.js';
import { ProgressService } from '../modules/review/progress.service.js';
import { ReviewService } from '../modules/review/review.service.js';
import { TrainingService } from '../modules/training/training.service.js';

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
