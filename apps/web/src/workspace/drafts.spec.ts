import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { writeSession, clearSession, type Session } from '../providers/session.js';
import { dropAllDrafts, emptyDraft, loadDraft, pendingDrafts, saveDraft } from './drafts.js';

/** The Web Storage interface over a Map: node has no localStorage, and these tests are about our keys, not the browser. */
class MemoryStorage {
  private readonly entries = new Map<string, string>();
  get length() {
    return this.entries.size;
  }
  key(index: number) {
    return [...this.entries.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.entries.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.entries.set(key, value);
  }
  removeItem(key: string) {
    this.entries.delete(key);
  }
  clear() {
    this.entries.clear();
  }
}

const session = (id: string): Session => ({
  token: 't',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  user: { id, username: id, displayName: id, role: 'annotator', languages: ['en'], specialties: [] },
});

describe('drafts on a shared computer', () => {
  beforeEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it("never shows or sends one clinician's draft to the next user", () => {
    writeSession(session('dr-a'));
    saveDraft({ ...emptyDraft('task-1', ['r1', 'r2']), rationale: 'patient history', sending: true });
    expect(pendingDrafts().map((draft) => draft.rationale)).toEqual(['patient history']);
    writeSession(session('dr-b'));
    expect(loadDraft('task-1')).toBeNull();
    expect(pendingDrafts()).toEqual([]);
    writeSession(session('dr-a'));
    expect(loadDraft('task-1')?.rationale).toBe('patient history');
  });

  it('keeps nothing without a session, and forgets every draft on sign-out', () => {
    clearSession();
    saveDraft(emptyDraft('task-2', ['r1']));
    expect(localStorage.length).toBe(0);
    writeSession(session('dr-a'));
    saveDraft(emptyDraft('task-3', ['r1']));
    dropAllDrafts();
    expect(loadDraft('task-3')).toBeNull();
    expect(localStorage.length).toBe(1);
  });
});
