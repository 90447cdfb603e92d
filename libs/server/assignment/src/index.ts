export { AssignmentService, annotatorOf } from './assignment.service.js';
export { AnnotatorProjectDto, SkipTaskInput, TaskDto } from './dto/task.dto.js';
