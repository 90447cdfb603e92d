import { readSession } from '../providers/session.js';
import type { SubmitInput } from './task-api.js';

/** What the clinician has entered for one task, kept in localStorage until the server acknowledges it. */
export interface Draft {
  taskId: string;
  submissionId: string;
  pairwise: Record<string, { choice?: 'a' | 'b' | 'tie' | 'both_bad'; strength?: 'slightly' | 'much' }>;
  ranking: string[][];
  /** True once the ranking was moved or its order confirmed: an untouched default order cannot be sent. */
  rankingTouched?: boolean;
  scores: Record<string, Record<string, number>>;
  validation: ValidationDraft;
  flags: string[];
  rationale: string;
  rewrite: string;
  showRewrite: boolean;
  elapsedMs: number;
  /** True once Enter was pressed: the draft must be (re)sent, not edited. */
  sending: boolean;
  /** The exact submission, kept while it travels, so a reload resends it unchanged. */
  input?: SubmitInput;
}

/** A validation verdict in progress: the corrected text starts as the candidate's own text when "fix" is chosen. */
export interface ValidationDraft {
  verdict?: 'accept' | 'reject' | 'fix';
  fixedText?: string;
  reasons: string[];
}

const PREFIX = 'clinrank.draft.';

/**
 * Drafts are stored under the signed-in user's id, so whoever signs in next on a shared ward computer never sees, nor
 * sends as their own, another clinician's rationale. Without a session there is no draft to read or write.
 */
function userPrefix(): string | null {
  const userId = readSession()?.user.id;
  return userId ? `${PREFIX}${userId}.` : null;
}

/** A new, empty draft with a fresh submission id. */
export function emptyDraft(taskId: string, responseIds: string[]): Draft {
  return {
    taskId,
    submissionId: crypto.randomUUID(),
    pairwise: {},
    ranking: responseIds.map((id) => [id]),
    rankingTouched: false,
    scores: {},
    validation: { reasons: [] },
    flags: [],
    rationale: '',
    rewrite: '',
    showRewrite: false,
    elapsedMs: 0,
    sending: false,
  };
}

/** The stored draft of a task, if any. */
export function loadDraft(taskId: string): Draft | null {
  const prefix = userPrefix();
  if (!prefix) return null;
  try {
    const raw = localStorage.getItem(prefix + taskId);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

/** Stores a draft (called on every change: it is small). */
export function saveDraft(draft: Draft): void {
  const prefix = userPrefix();
  if (prefix) localStorage.setItem(prefix + draft.taskId, JSON.stringify(draft));
}

/** Forgets a draft once the server has it. */
export function dropDraft(taskId: string): void {
  const prefix = userPrefix();
  if (prefix) localStorage.removeItem(prefix + taskId);
}

/** Drafts still waiting to be sent (e.g. the tab was closed while offline). */
export function pendingDrafts(): Draft[] {
  const prefix = userPrefix();
  if (!prefix) return [];
  const drafts: Draft[] = [];
  for (let index = 0; index < localStorage.length; index += 1) {
    const key = localStorage.key(index);
    if (!key?.startsWith(prefix)) continue;
    const draft = loadDraft(key.slice(prefix.length));
    if (draft?.sending) drafts.push(draft);
  }
  return drafts;
}

/** Forgets every stored draft, of every user (a sign-out: rationales may hold patient data). */
export function dropAllDrafts(): void {
  const keys: string[] = [];
  for (let index = 0; index < localStorage.length; index += 1) {
    const key = localStorage.key(index);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) localStorage.removeItem(key);
}
