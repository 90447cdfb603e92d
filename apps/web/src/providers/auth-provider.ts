import type { AuthProvider } from 'react-admin';
import { graphql } from '../workspace/gql/index.js';
import { client, gqlMutate, toApiError } from './graphql-client.js';
import { dropAllDrafts } from '../workspace/drafts.js';
import { clearSession, readSession, writeSession, type Session } from './session.js';

const LOGIN = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      token
      expiresAt
      user {
        id
        username
        displayName
        role
        languages
        specialties
      }
    }
  }
`);

let expiryTimer: ReturnType<typeof setTimeout> | undefined;

/** Sends the user back to the login page the moment the token expires, rather than on the next failed request. */
function scheduleExpiry(session: Session): void {
  clearTimeout(expiryTimer);
  const delay = Date.parse(session.expiresAt) - Date.now();
  if (delay > 0 && delay < 2 ** 31 - 1) {
    expiryTimer = setTimeout(() => {
      clearSession();
      window.location.hash = '#/login';
    }, delay);
  }
}

const existing = readSession();
if (existing) scheduleExpiry(existing);

/** React-Admin's auth provider on the GraphQL `login` mutation; roles drive the menu. */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    const data = await gqlMutate(LOGIN, { input: { username, password } });
    writeSession(data.login);
    scheduleExpiry(data.login);
    await client.clearStore();
    return { redirectTo: data.login.user.role === 'annotator' ? '/work' : '/' };
  },
  async logout() {
    // React-Admin also calls logout after checkError refuses an expired session: that session is already cleared, and
    // the clinician's unsent drafts (kept under their own user id) wait for them to sign in again. Signing out on
    // purpose forgets them, so nothing of theirs stays on a shared computer.
    if (readSession()) dropAllDrafts();
    clearSession();
    clearTimeout(expiryTimer);
    await client.clearStore();
  },
  async checkAuth() {
    if (!readSession()) throw new Error('ra.auth.auth_check_error');
  },
  async checkError(error: unknown) {
    const code = (error as { code?: string })?.code ?? toApiError(error).code;
    if (code === 'UNAUTHENTICATED') {
      clearSession();
      throw new Error('ra.auth.auth_check_error');
    }
  },
  async getIdentity() {
    const session = readSession();
    if (!session) throw new Error('ra.auth.auth_check_error');
    return { id: session.user.id, fullName: session.user.displayName || session.user.username };
  },
  async getPermissions() {
    return readSession()?.user.role ?? null;
  },
};
