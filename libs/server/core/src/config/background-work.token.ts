/**
 * Whether this process runs the features' periodic background work, such as the training supervisor: the API does
 * (the token absent); a service context for one command (the CLI, the seed, tests) provides `false`.
 */
export const BACKGROUND_WORK = Symbol('BACKGROUND_WORK');
