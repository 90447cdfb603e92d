import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AgreementCacheRepository } from './agreement-cache.repository.js';

/** Bump when a computation changes, so results cached by older code are recomputed. */
export const COMPUTE_VERSION = 2;
const MEMORY_ENTRIES = 32;
const RETENTION_DAYS = 30;
/**
 * A result that took longer than this to compute is served stale (and refreshed in the background) when the labels
 * have changed since, so a large live project answers at once; smaller ones are recomputed before answering.
 */
export const STALE_WHILE_REFRESHING_AFTER_MS = 1000;

export interface CachedResult<T> {
  result: T;
  /** The label stamp the result was computed for. */
  stamp: string;
  computeMs: number;
  computedAt: Date;
  /** memory or table: cached for the current stamp; computed: just now; stale: for an older stamp, a refresh is running. */
  source: 'memory' | 'table' | 'computed' | 'stale';
}

interface Running<T> {
  stamp: string;
  done: Promise<CachedResult<T>>;
}

/** The answer to a key never computed before while its first computation runs. */
function firstAnswerFor<T>(result: T): CachedResult<T> {
  return { result, stamp: '', computeMs: 0, computedAt: new Date(), source: 'stale' };
}

/** Cache key of one query: what is asked and the canonical filter. */
export function cacheKey(what: string, parameters: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify({ version: COMPUTE_VERSION, what, parameters }))
    .digest('hex');
}

/**
 * Two-level cache of analytics results, keyed by (project, query) and valid for one label stamp: a small in-process
 * LRU, then the agreement_cache table (shared by every API process and the CLI). Concurrent misses compute once, and a
 * slow query runs one refresh at a time however fast its labels change.
 */
export class AgreementCache {
  private readonly memory = new Map<string, CachedResult<unknown>>();
  /** The refresh running per (project, query), if any, and the stamp it computes for. */
  private readonly running = new Map<string, Running<unknown>>();

  private readonly table: AgreementCacheRepository;

  constructor(dataSource: DataSource) {
    this.table = new AgreementCacheRepository(dataSource);
  }

  /**
   * The result for this stamp: cached, computed now, or (for slow computations) the previous one while it refreshes.
   * With `firstAnswer`, a key never computed before answers it at once (source `stale`, stamp '') while it computes.
   */
  async getOrCompute<T>(
    projectId: string,
    key: string,
    stamp: string,
    compute: () => Promise<T>,
    firstAnswer?: T,
  ): Promise<CachedResult<T>> {
    const slot = `${projectId}:${key}`;
    const remembered = this.memory.get(slot) as CachedResult<T> | undefined;
    if (remembered?.stamp === stamp) {
      this.remember(slot, remembered);
      return { ...remembered, source: 'memory' };
    }
    const stored = (await this.stored<T>(projectId, key)) ?? remembered ?? null;
    if (stored?.stamp === stamp) {
      this.remember(slot, stored);
      return { ...stored, source: 'table' };
    }
    const slow = stored !== null && stored.computeMs > STALE_WHILE_REFRESHING_AFTER_MS;
    // One refresh per query at a time: labels arriving faster than a slow computation must not stack full rescans,
    // each holding the project's labels in memory. The next request after it ends starts the next one.
    const running = this.running.get(slot) as Running<T> | undefined;
    const runningForOlderStamp = running !== undefined && running.stamp !== stamp;
    if (slow) {
      if (!runningForOlderStamp) this.refresh(projectId, key, stamp, compute).catch(() => undefined);
      return { ...stored, source: 'stale' };
    }
    if (!stored && runningForOlderStamp) return firstAnswer !== undefined ? firstAnswerFor(firstAnswer) : running.done;
    const refresh = this.refresh(projectId, key, stamp, compute);
    if (!stored && firstAnswer !== undefined) {
      refresh.catch(() => undefined);
      return firstAnswerFor(firstAnswer);
    }
    return refresh;
  }

  /** Forgets the in-process entries (the table keeps its rows; they are checked against the stamp anyway). */
  clearMemory(): void {
    this.memory.clear();
  }

  /** Computes and stores the result for a stamp, once however many callers ask for that stamp at the same time. */
  private refresh<T>(
    projectId: string,
    key: string,
    stamp: string,
    compute: () => Promise<T>,
  ): Promise<CachedResult<T>> {
    const slot = `${projectId}:${key}`;
    const running = this.running.get(slot) as Running<T> | undefined;
    if (running?.stamp === stamp) return running.done;
    const run = { stamp } as Running<T>;
    const isLatest = () => this.running.get(slot) === run;
    run.done = this.computeAndStore(projectId, key, stamp, compute, isLatest).finally(() => {
      if (isLatest()) this.running.delete(slot);
    });
    this.running.set(slot, run);
    return run.done;
  }

  /** Keeps the result only while no refresh for a newer stamp has started: one that ended first must not be overwritten. */
  private async computeAndStore<T>(
    projectId: string,
    key: string,
    stamp: string,
    compute: () => Promise<T>,
    isLatest: () => boolean,
  ): Promise<CachedResult<T>> {
    const started = performance.now();
    const result = await compute();
    const entry: CachedResult<T> = {
      result,
      stamp,
      computeMs: Math.round(performance.now() - started),
      computedAt: new Date(),
      source: 'computed',
    };
    if (!isLatest()) return entry;
    await this.table.upsert(projectId, key, entry);
    // Every filter a lead tries leaves a row; those not recomputed for a while are dropped.
    await this.table.pruneOlderThan(projectId, RETENTION_DAYS);
    this.remember(`${projectId}:${key}`, entry);
    return entry;
  }

  private async stored<T>(projectId: string, key: string): Promise<CachedResult<T> | null> {
    const row = await this.table.find(projectId, key);
    return row
      ? {
          result: row.result as T,
          stamp: row.stamp,
          computeMs: row.compute_ms,
          computedAt: row.computed_at,
          source: 'table',
        }
      : null;
  }

  private remember(slot: string, entry: CachedResult<unknown>): void {
    this.memory.delete(slot);
    this.memory.set(slot, entry);
    while (this.memory.size > MEMORY_ENTRIES) this.memory.delete(this.memory.keys().next().value as string);
  }
}
