import { describe, expect, it } from '@jest/globals';
import { SESSION_CACHE_FED_TTL_MS, SESSION_CACHE_TTL_MS, SessionUsers, type SessionUserRow } from './session-users.js';

const ID = '00000000-0000-4000-8000-000000000001';

/** A users table of one row, counting reads. */
class OneUser extends SessionUsers {
  reads = 0;
  row: SessionUserRow = {
    id: ID,
    username: 'ann',
    role: 'annotator',
    active: true,
    token_version: 1,
    languages: ['en'],
    specialties: [],
  };
  /** Runs while a read is in flight (a change committing meanwhile). */
  duringRead: (() => void) | null = null;

  async sessionUser(id: string): Promise<SessionUserRow | null> {
    this.reads += 1;
    const row = id === ID ? { ...this.row } : null;
    this.duringRead?.();
    return row;
  }
}

describe('SessionUsers.activeSessionUser', () => {
  it('reads an accepted account once per token version within the TTL, then again', async () => {
    const users = new OneUser();
    expect(await users.activeSessionUser(ID, 1, 1_000)).toMatchObject({ username: 'ann' });
    await users.activeSessionUser(ID, 1, 1_000 + SESSION_CACHE_TTL_MS - 1);
    expect(users.reads).toBe(1);
    await users.activeSessionUser(ID, 1, 1_000 + SESSION_CACHE_TTL_MS);
    expect(users.reads).toBe(2);
  });

  it('never caches a refusal: an inactive account or another token version is read every time', async () => {
    const users = new OneUser();
    await users.activeSessionUser(ID, 0, 1_000);
    await users.activeSessionUser(ID, 0, 1_001);
    expect(users.reads).toBe(2);
    users.row.active = false;
    expect((await users.activeSessionUser(ID, 1, 1_002))?.active).toBe(false);
    expect((await users.activeSessionUser(ID, 1, 1_003))?.active).toBe(false);
    expect(users.reads).toBe(4);
  });

  it('forgets an account when told, so a deactivation counts from the next request', async () => {
    const users = new OneUser();
    await users.activeSessionUser(ID, 1, 1_000);
    users.row = { ...users.row, active: false, token_version: 2 };
    users.forgetSession(ID);
    expect(await users.activeSessionUser(ID, 1, 1_001)).toMatchObject({ active: false, token_version: 2 });
  });

  it('does not cache a read that a change overtook', async () => {
    const users = new OneUser();
    users.duringRead = () => {
      users.duringRead = null;
      users.row = { ...users.row, active: false };
      users.forgetSession(ID);
    };
    expect((await users.activeSessionUser(ID, 1, 1_000))?.active).toBe(true);
    expect((await users.activeSessionUser(ID, 1, 1_001))?.active).toBe(false);
  });

  it('keeps an account longer while the change feed is live, and reads it again once the feed is lost', async () => {
    const users = new OneUser();
    users.sessionFeedStarted();
    await users.activeSessionUser(ID, 1, 1_000);
    await users.activeSessionUser(ID, 1, 1_000 + SESSION_CACHE_FED_TTL_MS - 1);
    expect(users.reads).toBe(1);
    users.sessionFeedLost();
    await users.activeSessionUser(ID, 1, 1_000 + SESSION_CACHE_TTL_MS);
    expect(users.reads).toBe(2);
    // Without a feed, the short time again.
    await users.activeSessionUser(ID, 1, 1_000 + 2 * SESSION_CACHE_TTL_MS);
    expect(users.reads).toBe(3);
  });

  it('forgets what it read before the feed started, and a read the feed overtook', async () => {
    const users = new OneUser();
    await users.activeSessionUser(ID, 1, 1_000);
    users.sessionFeedStarted();
    await users.activeSessionUser(ID, 1, 1_001);
    expect(users.reads).toBe(2);

    const racing = new OneUser();
    // A change committed before the feed listened, read by a request that started before it: never cached.
    racing.duringRead = () => {
      racing.duringRead = null;
      racing.sessionFeedStarted();
    };
    await racing.activeSessionUser(ID, 1, 1_000);
    await racing.activeSessionUser(ID, 1, 1_001);
    expect(racing.reads).toBe(2);
  });
});
