export { AssignmentRepository } from './assignment.repository.js';
export type { CandidateRow, QueueProjectRow } from './assignment.repository.js';
export { AssignmentService, annotatorOf } from './assignment.service.js';
export type { Annotator, NextTaskRequest, TaskView } from './assignment.service.js';
export { AnnotatorProjectDto, SkipTaskInput, TaskDto } from './dto/task.dto.js';
export { AdaptiveOverlapRepository } from './adaptive-overlap.repository.js';
export { AdaptiveOverlapService, adaptiveOverlapOf, type OverlapProject } from './adaptive-overlap.service.js';
