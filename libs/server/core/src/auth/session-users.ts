/** The account behind a bearer token, as the guard checks it on every request. */
export interface SessionUserRow {
  id: string;
  username: string;
  role: string;
  active: boolean;
  token_version: number;
  languages: string[];
  specialties: string[];
}

/**
 * Where the guard reads accounts from. Core cannot depend on identity (identity depends on core), so identity's
 * UserRepository provides this and the guard asks for it.
 */
export abstract class SessionUsers {
  abstract sessionUser(id: string): Promise<SessionUserRow | null>;
}
