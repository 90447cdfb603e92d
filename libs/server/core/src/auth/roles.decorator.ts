import { SetMetadata } from '@nestjs/common';
import type { Role } from '@clinrank/domain';

export const ROLES_KEY = 'clinrank:roles';
export const PUBLIC_KEY = 'clinrank:public';

/** Allows an operation to the listed roles. Operations without it (or @Public) are denied. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Allows an operation without a token (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const ALL_ROLES: Role[] = ['annotator', 'lead', 'ml_engineer', 'admin'];
export const STAFF_ROLES: Role[] = ['lead', 'admin'];
