export * from './roles.js';
export * from './labels.js';
export * from './project.js';
export * from './errors.js';
export * from './text-limits.js';
export * from './label-validation.js';
export * from './import-line.js';
export * from './verdict.js';
