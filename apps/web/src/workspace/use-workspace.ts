import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, toApiError } from '../providers/graphql-client.js';
import { dropDraft, emptyDraft, loadDraft, pendingDrafts, saveDraft, type Draft } from './drafts.js';
import { labelContent } from './label-content.js';
import {
  fetchNextTask,
  fetchProgress,
  prefetchNextTask,
  retractLabel,
  skipTask,
  submitLabel,
  submitLabelAndNext,
  type Progress,
  type SubmitInput,
  type Task,
} from './task-api.js';

export type Notice = { key: string; kind: 'info' | 'success' | 'error'; message?: string } | null;
type Status = 'loading' | 'ready' | 'empty' | 'error';

const UNDO_WINDOW_MS = 120_000;
const MAX_BACKOFF_MS = 15_000;
/**
 * While a clinician labels, the counts are read from the server at most this often; in between, each delivered label is
 * counted here. The server's count of what is left reads every open item of the project, which on a large project
 * costs far more than the label itself (BENCHMARKS.md, "the workspace's count of what is left").
 */
const PROGRESS_REFRESH_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Called on a stored draft before it is merged over a fresh one: drafts saved before validation tasks have no `validation`.
function hasInput(draft: Draft): boolean {
  return (
    Object.keys(draft.pairwise).length > 0 ||
    Object.keys(draft.scores).length > 0 ||
    draft.flags.length > 0 ||
    draft.rationale !== '' ||
    draft.rewrite !== '' ||
    Boolean(draft.validation?.verdict)
  );
}

/** What sending a label came to: stored or not, and the next task when the submit asked for it (see `send`). */
type SendResult = { stored: boolean; next?: Task | null };

/**
 * The labelling loop: load a task, keep the draft, submit with retries, skip, undo. `nextTask` is asked on the first
 * load, after a project switch, an undo or a failed submit; in the steady state each label is one request, whose answer
 * is the task after the one on screen (`submitLabel(next:)`).
 */
export function useWorkspace(projectId?: string) {
  const [status, setStatus] = useState<Status>('loading');
  const [task, setTask] = useState<Task | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [retrying, setRetrying] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [lastSubmitted, setLastSubmitted] = useState<{ labelId: string; draft: Draft; at: number } | null>(null);
  const activeSince = useRef(performance.now());
  const draftRef = useRef<Draft | null>(null);
  const alive = useRef(true);
  const busy = useRef(false);
  // The task leased ahead of the one on screen, when the API supports `nextTask(exclude:)`.
  const prefetched = useRef<{ after: string; task: Task | null; pending: boolean } | null>(null);
  const prefetchSupported = useRef<boolean | undefined>(undefined);
  // Tasks whose label is on its way: the server still holds their lease, so they must not come back as "next".
  const inFlight = useRef(new Set<string>());
  // Bumped when the project changes, so answers to requests made for the previous project are ignored.
  const generation = useRef(0);
  const projectRef = useRef(projectId);
  projectRef.current = projectId;

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  /** Time on task so far, including time before a refresh. */
  const elapsedMs = useCallback(
    () => (draftRef.current?.elapsedMs ?? 0) + (performance.now() - activeSince.current),
    [],
  );

  /** Retries a request on network errors and UNAVAILABLE answers (forever, with back-off); other errors are thrown. */
  const withRetry = useCallback(async <T>(request: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await request();
        setRetrying(false);
        return result;
      } catch (error) {
        const apiError = toApiError(error);
        if (!apiError.retryable || !alive.current) {
          setRetrying(false);
          throw apiError;
        }
        setRetrying(true);
        await sleep(Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt));
      }
    }
  }, []);

  /**
   * Leases the task after this one in the background; an API without `exclude` turns prefetching off for good. The
   * server allows two live leases, so while a label is still in flight the answer may be null: it is asked again once
   * the label has landed (see `send`).
   */
  const prefetchAfter = useCallback((taskId: string) => {
    const have = prefetched.current;
    if (prefetchSupported.current === false || (have?.after === taskId && (have.task || have.pending))) return;
    prefetched.current = { after: taskId, task: null, pending: true };
    const mine = generation.current;
    prefetchNextTask(projectRef.current, [taskId, ...inFlight.current]).then(
      (task) => {
        prefetchSupported.current = true;
        if (mine !== generation.current || prefetched.current?.after !== taskId) return;
        const usable = task && task.taskId !== taskId && !inFlight.current.has(task.taskId);
        prefetched.current = { after: taskId, task: usable ? task : null, pending: false };
      },
      (error) => {
        if (toApiError(error).code === 'GRAPHQL_VALIDATION_FAILED') prefetchSupported.current = false;
        if (prefetched.current?.after === taskId) prefetched.current = null;
      },
    );
  }, []);

  /** The next task after a submit or skip: the prefetched one when there is one, else asked for now. */
  const nextAfter = useCallback(
    async (taskId: string): Promise<Task | null> => {
      const ahead = prefetched.current;
      prefetched.current = null;
      if (ahead?.after === taskId && ahead.task) return ahead.task;
      if (prefetchSupported.current)
        return withRetry(() => prefetchNextTask(projectRef.current, [taskId, ...inFlight.current]));
      return withRetry(() => fetchNextTask(projectRef.current));
    },
    [withRetry],
  );

  const show = useCallback(
    (next: Task | null, restore?: Draft) => {
      if (!next) {
        draftRef.current = null;
        setTask(null);
        setDraft(null);
        setStatus('empty');
        return;
      }
      const stored = restore ?? loadDraft(next.taskId);
      const fresh = emptyDraft(
        next.taskId,
        next.responses.map((response) => response.id),
      );
      const current = stored ? { ...fresh, ...stored, sending: false } : fresh;
      if (stored && hasInput(stored) && !restore) setNotice({ key: 'clinrank.ws.draft_restored', kind: 'info' });
      draftRef.current = current;
      activeSince.current = performance.now();
      setTask(next);
      setDraft(current);
      setStatus('ready');
      prefetchAfter(next.taskId);
    },
    [prefetchAfter],
  );

  // Only the latest answer counts: an earlier request can land after a later one and would undo a delivered label.
  const progressRequest = useRef(0);
  const progressRequestedAt = useRef(Number.NEGATIVE_INFINITY);
  // Labels sent so far. An answer read while one was on its way may or may not count it, and the label is counted here
  // when it lands: such an answer is dropped, and the next delivered label asks again.
  const labelsSent = useRef(0);
  const refreshProgress = useCallback(() => {
    const mine = (progressRequest.current += 1);
    const sentBefore = labelsSent.current;
    progressRequestedAt.current = performance.now();
    fetchProgress(projectId).then(
      (value) => {
        if (!alive.current || mine !== progressRequest.current) return;
        if (labelsSent.current === sentBefore) setProgress(value);
        else progressRequestedAt.current = Number.NEGATIVE_INFINITY;
      },
      () => (progressRequestedAt.current = Number.NEGATIVE_INFINITY),
    );
  }, [projectId]);

  const loadNext = useCallback(async () => {
    const mine = generation.current;
    try {
      const next = await withRetry(() => fetchNextTask(projectId));
      if (alive.current && mine === generation.current) show(next);
    } catch (error) {
      if (!alive.current) return;
      setStatus('error');
      setNotice({ key: 'error', kind: 'error', message: (error as Error).message });
    }
  }, [projectId, show, withRetry]);

  useEffect(() => {
    generation.current += 1;
    prefetched.current = null;
    setStatus('loading');
    void loadNext();
    refreshProgress();
  }, [loadNext, refreshProgress]);

  /** Applies a change to the draft and stores it at once. */
  const update = useCallback(
    (change: (draft: Draft) => Draft) => {
      const current = draftRef.current;
      if (!current || current.sending) return;
      const next = { ...change(current), elapsedMs: current.elapsedMs };
      draftRef.current = next;
      saveDraft({ ...next, elapsedMs: elapsedMs() });
      setDraft(next);
    },
    [elapsedMs],
  );

  /**
   * Sends a label until the server answers (network errors and outages are retried, same submissionId). With `exclude`
   * (the tasks on screen), the answer also carries the next task, leased by the same request.
   */
  const send = useCallback(
    async (input: SubmitInput, sent: Draft, exclude?: string[]): Promise<SendResult> => {
      inFlight.current.add(input.taskId);
      labelsSent.current += 1;
      try {
        let next: Task | null | undefined;
        let labelId: string;
        if (exclude) {
          // Labels still on their way hold their leases: they must not come back as "next".
          const others = [...exclude, ...inFlight.current].filter((id) => id !== input.taskId);
          ({ labelId, next } = await withRetry(() => submitLabelAndNext(input, projectRef.current, others)));
        } else ({ labelId } = await withRetry(() => submitLabel(input)));
        dropDraft(input.taskId);
        setLastSubmitted({ labelId, draft: { ...sent, sending: false, input: undefined }, at: Date.now() });
        return { stored: true, next };
      } catch (error) {
        const apiError = error as ApiError;
        if (apiError.code === 'LEASE_EXPIRED' || apiError.code === 'CONFLICT') {
          dropDraft(input.taskId);
          setNotice({ key: 'clinrank.ws.lease_expired', kind: 'error' });
        } else {
          // Kept locally: the lease is still live, so the task comes back with this draft.
          saveDraft({ ...sent, sending: false, input: undefined });
          setNotice({ key: 'error', kind: 'error', message: apiError.message });
        }
        return { stored: false };
      } finally {
        inFlight.current.delete(input.taskId);
        const onScreen = draftRef.current?.taskId;
        if (onScreen && onScreen !== input.taskId && inFlight.current.size === 0) prefetchAfter(onScreen);
      }
    },
    [withRetry, prefetchAfter],
  );

  // The task leaves the clinician's pile at once; "Done today" counts the label once it has landed.
  const countDone = () => setProgress((value) => value && { ...value, remaining: Math.max(0, value.remaining - 1) });

  /** A label the server stored: counted here, and the server's counts read again when the last read is old. */
  const countDelivered = useCallback(() => {
    setProgress(
      (value) =>
        value && {
          ...value,
          doneToday: value.doneToday + 1,
          doneTotal: value.doneTotal + 1,
          projectRemaining: Math.max(0, value.projectRemaining - 1),
        },
    );
    const due = performance.now() - progressRequestedAt.current >= PROGRESS_REFRESH_MS;
    if (due && inFlight.current.size === 0) refreshProgress();
  }, [refreshProgress]);

  const submit = useCallback(async () => {
    const current = draftRef.current;
    if (!task || !current || busy.current) return;
    const elapsed = Math.round(elapsedMs());
    const input: SubmitInput = {
      taskId: task.taskId,
      submissionId: current.submissionId,
      content: labelContent(task, current),
      flags: current.flags,
      rationale: current.rationale.trim() || undefined,
      rewrite: current.showRewrite && current.rewrite.trim() ? current.rewrite.trim() : undefined,
      timeSpentMs: elapsed,
      uiDirection: document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr',
    };
    // Stored before anything is sent: a refresh or a lost connection resends it (see the pending drafts effect).
    const sending: Draft = { ...current, elapsedMs: elapsed, sending: true, input };
    saveDraft(sending);
    performance.mark('clinrank:submit');
    const ahead = prefetched.current;
    if (ahead?.after === task.taskId && ahead.task) {
      // The next task is already leased: show it now and let the label travel in the background. Its answer brings the
      // task after that one (marked pending here, so showing the next task asks for nothing more).
      const shown = ahead.task.taskId;
      const mine = generation.current;
      prefetched.current = { after: shown, task: null, pending: true };
      inFlight.current.add(task.taskId);
      show(ahead.task);
      performance.mark('clinrank:next-fetched');
      countDone();
      void send(input, sending, [shown]).then(({ stored, next }) => {
        if (stored) {
          setNotice({ key: 'clinrank.ws.submitted', kind: 'success' });
          countDelivered();
        }
        if (mine === generation.current && prefetched.current?.after === shown && prefetched.current.pending) {
          const usable = next && next.taskId !== shown && !inFlight.current.has(next.taskId);
          prefetched.current = { after: shown, task: usable ? next : null, pending: false };
          // No task came with the answer (the label failed, or the server held back): ask as before.
          if (!usable && draftRef.current?.taskId === shown) {
            prefetched.current = null;
            prefetchAfter(shown);
          }
        }
      });
      return;
    }
    busy.current = true;
    draftRef.current = sending;
    setDraft(sending);
    try {
      const { stored, next: answered } = await send(input, sending, []);
      performance.mark('clinrank:acked');
      if (!stored) {
        await loadNext();
        return;
      }
      // Fetch the next task before touching state, so the old task is not re-rendered in between: one render, not two.
      const mine = generation.current;
      const usable = answered === null || (answered && !inFlight.current.has(answered.taskId));
      const next = usable ? answered : await nextAfter(task.taskId).catch(() => undefined);
      if (mine !== generation.current) return;
      performance.mark('clinrank:next-fetched');
      countDone();
      setNotice({ key: 'clinrank.ws.submitted', kind: 'success' });
      if (next === undefined) await loadNext();
      else show(next);
      countDelivered();
    } finally {
      busy.current = false;
    }
  }, [task, elapsedMs, send, show, loadNext, countDelivered, nextAfter, prefetchAfter]);

  // Labels that were being sent when the page closed go out again now; "Done today" counts each one once it lands.
  useEffect(() => {
    for (const draft of pendingDrafts())
      if (draft.input) void send(draft.input, draft).then(({ stored }) => stored && refreshProgress());
  }, [send, refreshProgress]);

  const skip = useCallback(
    async (reason: string) => {
      if (!task || busy.current) return;
      busy.current = true;
      try {
        await withRetry(() => skipTask(task.taskId, reason));
        dropDraft(task.taskId);
        const mine = generation.current;
        const next = await nextAfter(task.taskId);
        if (mine === generation.current) show(next);
        refreshProgress();
      } catch (error) {
        setNotice({ key: 'error', kind: 'error', message: (error as Error).message });
      } finally {
        busy.current = false;
      }
    },
    [task, withRetry, show, nextAfter, refreshProgress],
  );

  const canUndo = lastSubmitted !== null && Date.now() - lastSubmitted.at < UNDO_WINDOW_MS;

  const undo = useCallback(async () => {
    if (!lastSubmitted || Date.now() - lastSubmitted.at >= UNDO_WINDOW_MS || busy.current) return;
    busy.current = true;
    try {
      await withRetry(() => retractLabel(lastSubmitted.labelId));
      // The reopened task gets the previous answers back, under a new submission id.
      saveDraft({ ...lastSubmitted.draft, submissionId: crypto.randomUUID(), sending: false });
      setLastSubmitted(null);
      prefetched.current = null;
      setNotice({ key: 'clinrank.ws.undone', kind: 'info' });
      const reopened = await withRetry(() => fetchNextTask(projectId));
      show(reopened, reopened ? (loadDraft(reopened.taskId) ?? undefined) : undefined);
      refreshProgress();
    } catch (error) {
      setNotice({ key: 'error', kind: 'error', message: (error as Error).message });
    } finally {
      busy.current = false;
    }
  }, [lastSubmitted, withRetry, projectId, show, refreshProgress]);

  // Keep time spent across refreshes.
  useEffect(() => {
    const persist = () =>
      draftRef.current && !draftRef.current.sending && saveDraft({ ...draftRef.current, elapsedMs: elapsedMs() });
    window.addEventListener('pagehide', persist);
    return () => window.removeEventListener('pagehide', persist);
  }, [elapsedMs]);

  return { status, task, draft, progress, retrying, notice, setNotice, update, submit, skip, undo, canUndo, elapsedMs };
}
