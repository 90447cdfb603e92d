import { InitialSchema1763900000000 } from './1763900000000-InitialSchema.js';

/** Every migration, in order. Listed explicitly so the compiled build needs no file globbing. */
export const ALL_MIGRATIONS = [InitialSchema1763900000000];
