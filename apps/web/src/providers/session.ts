/** The signed-in session, kept in localStorage so a refresh keeps the clinician signed in. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: 'annotator' | 'lead' | 'ml_engineer' | 'admin';
  languages: string[];
  specialties: string[];
}

export interface Session {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

const KEY = 'clinrank.session';

/** Reads the stored session; an expired one counts as none. */
export function readSession(now = Date.now()): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    if (!session.token || Date.parse(session.expiresAt) <= now) return null;
    return session;
  } catch {
    return null;
  }
}

/** Stores a new session. */
export function writeSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

/** Forgets the session. Drafts are the auth provider's concern: kept on expiry (under the user's id), dropped on sign-out. */
export function clearSession(): void {
  localStorage.removeItem(KEY);
}
