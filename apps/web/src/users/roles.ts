import type { Role } from '../workspace/gql/graphql.js';

const ROLES: Role[] = ['annotator', 'lead', 'ml_engineer', 'admin'];

/** The roles as choices, each named by its translation key (React-Admin translates choice names). */
export const ROLE_CHOICES = ROLES.map((id) => ({ id, name: `clinrank.users.roles.${id}` }));

/** The roles a user may hand out: only an admin may create an admin (the API refuses it to everyone else). */
export function grantableRoleChoices(role: string | undefined) {
  return role === 'admin' ? ROLE_CHOICES : ROLE_CHOICES.filter((choice) => choice.id !== 'admin');
}
