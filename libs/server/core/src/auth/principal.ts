import type { Role } from '@clinrank/domain';

/** Who is acting: a signed-in user, or an operator on the command line. */
export type Actor =
  | { kind: 'user'; userId: string; username: string; role: Role }
  | { kind: 'cli'; osUser: string }
  | { kind: 'system'; name: string };

export function describeActor(actor: Actor): string {
  if (actor.kind === 'user') return `user:${actor.username}`;
  if (actor.kind === 'cli') return `cli:${actor.osUser}`;
  return `system:${actor.name}`;
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : null;
}

export interface AuthenticatedUser {
  userId: string;
  username: string;
  role: Role;
  /** What the queue matches items against; read with the account on every request, like the role. */
  languages: string[];
  specialties: string[];
}

export function userActor(user: AuthenticatedUser): Actor {
  return { kind: 'user', userId: user.userId, username: user.username, role: user.role };
}
