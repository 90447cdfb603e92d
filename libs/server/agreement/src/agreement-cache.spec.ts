import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { AgreementCache, STALE_WHILE_REFRESHING_AFTER_MS } from './agreement-cache.js';

/** An in-memory stand-in for the agreement_cache table: answers the cache's two statements. */
function fakeTable() {
  const rows = new Map<string, { stamp: string; result: unknown; compute_ms: number; computed_at: Date }>();
  const dataSource = {
    async query(sql: string, params: unknown[]) {
      const key = `${params[0]}:${params[1]}`;
      if (sql.startsWith('SELECT')) return rows.has(key) ? [rows.get(key)] : [];
      if (sql.startsWith('DELETE')) return [];
      rows.set(key, {
        stamp: params[2] as string,
        result: JSON.parse(params[3] as string),
        compute_ms: params[4] as number,
        computed_at: params[5] as Date,
      });
      return [];
    },
  } as unknown as DataSource;
  return { rows, dataSource };
}

/** A stored result whose computation took long enough to be served stale while it refreshes. */
function slowRow(stamp: string, result: string) {
  return { stamp, result, compute_ms: STALE_WHILE_REFRESHING_AFTER_MS + 1, computed_at: new Date() };
}

/** Computations that end only when the test releases them, in the order they started. */
function heldComputations() {
  const releases: (() => void)[] = [];
  const held = (result: string) => () => new Promise<string>((resolve) => releases.push(() => resolve(result)));
  return { releases, held };
}

describe('AgreementCache', () => {
  it('computes once per stamp, then answers from memory, then from the table in a fresh process', async () => {
    const { dataSource } = fakeTable();
    let computed = 0;
    const compute = async () => ({ alpha: 0.5, run: ++computed });
    const cache = new AgreementCache(dataSource);
    expect((await cache.getOrCompute('p', 'k', 's1', compute)).source).toBe('computed');
    expect((await cache.getOrCompute('p', 'k', 's1', compute)).source).toBe('memory');
    const restarted = new AgreementCache(dataSource);
    const fromTable = await restarted.getOrCompute('p', 'k', 's1', compute);
    expect(fromTable).toMatchObject({ source: 'table', result: { run: 1 } });
    expect(computed).toBe(1);
  });

  it('answers a first answer at once for a key never computed, then the computed result', async () => {
    const { dataSource } = fakeTable();
    let release: () => void = () => undefined;
    const slow = () => new Promise<string>((resolve) => (release = () => resolve('intervals')));
    const cache = new AgreementCache(dataSource);
    expect(await cache.getOrCompute('p', 'k', 's1', slow, 'none yet')).toMatchObject({
      source: 'stale',
      stamp: '',
      result: 'none yet',
    });
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.getOrCompute('p', 'k', 's1', slow, 'none yet')).toMatchObject({
      source: 'memory',
      stamp: 's1',
      result: 'intervals',
    });
    // Once computed, a key answers as before: the first answer is never served again.
    expect(await cache.getOrCompute('p', 'k', 's2', async () => 'next', 'none yet')).toMatchObject({
      source: 'computed',
      result: 'next',
    });
  });

  it('recomputes before answering when the stamp changes and the last computation was quick', async () => {
    const { dataSource } = fakeTable();
    let computed = 0;
    const cache = new AgreementCache(dataSource);
    await cache.getOrCompute('p', 'k', 's1', async () => ++computed);
    const next = await cache.getOrCompute('p', 'k', 's2', async () => ++computed);
    expect(next).toMatchObject({ source: 'computed', stamp: 's2', result: 2 });
  });

  it('serves a slow result stale while one refresh runs, then the fresh one', async () => {
    const { rows, dataSource } = fakeTable();
    rows.set('p:k', slowRow('s1', 'old'));
    let release: () => void = () => undefined;
    let refreshes = 0;
    const slow = () => new Promise<string>((resolve) => ((release = () => resolve('new')), refreshes++));
    const cache = new AgreementCache(dataSource);
    expect(await cache.getOrCompute('p', 'k', 's2', slow)).toMatchObject({
      source: 'stale',
      stamp: 's1',
      result: 'old',
    });
    expect(await cache.getOrCompute('p', 'k', 's2', slow)).toMatchObject({ source: 'stale', result: 'old' });
    expect(refreshes).toBe(1);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await cache.getOrCompute('p', 'k', 's2', slow)).toMatchObject({
      source: 'memory',
      stamp: 's2',
      result: 'new',
    });
  });

  it('runs one refresh of a slow query at a time while its labels keep changing', async () => {
    const { rows, dataSource } = fakeTable();
    rows.set('p:k', slowRow('s1', 'r1'));
    const { releases, held: slow } = heldComputations();
    const cache = new AgreementCache(dataSource);
    expect(await cache.getOrCompute('p', 'k', 's2', slow('r2'))).toMatchObject({ source: 'stale', stamp: 's1' });
    // New labels while the refresh for s2 runs: the s1 answer again, and no second rescan.
    expect(await cache.getOrCompute('p', 'k', 's3', slow('r3'))).toMatchObject({ source: 'stale', stamp: 's1' });
    expect(await cache.getOrCompute('p', 'k', 's4', slow('r4'))).toMatchObject({ source: 'stale', stamp: 's1' });
    expect(releases).toHaveLength(1);
    releases[0]();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The refresh for s2 is done (here it took no time, so it is not served stale): the next request starts the one
    // for s4, the only one running.
    const latest = cache.getOrCompute('p', 'k', 's4', slow('r4'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(releases).toHaveLength(2);
    expect(rows.get('p:k')).toMatchObject({ stamp: 's2', result: 'r2' });
    releases[1]();
    expect(await latest).toMatchObject({ source: 'computed', stamp: 's4', result: 'r4' });
    expect(releases).toHaveLength(2);
  });

  it('answers a query never computed with its running first computation when the labels changed meanwhile', async () => {
    const { dataSource } = fakeTable();
    const { releases, held: slow } = heldComputations();
    const cache = new AgreementCache(dataSource);
    const first = cache.getOrCompute('p', 'k', 's1', slow('r1'));
    const second = cache.getOrCompute('p', 'k', 's2', slow('r2'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(releases).toHaveLength(1);
    releases[0]();
    expect(await first).toMatchObject({ source: 'computed', stamp: 's1', result: 'r1' });
    expect(await second).toMatchObject({ stamp: 's1', result: 'r1' });
  });

  it('recomputes a quick query for every new stamp while an older one runs, and keeps the newest', async () => {
    const { rows, dataSource } = fakeTable();
    rows.set('p:k', { stamp: 's1', result: 'r1', compute_ms: 5, computed_at: new Date() });
    const { releases, held } = heldComputations();
    const cache = new AgreementCache(dataSource);
    const older = cache.getOrCompute('p', 'k', 's2', held('r2'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await cache.getOrCompute('p', 'k', 's3', async () => 'r3')).toMatchObject({
      source: 'computed',
      stamp: 's3',
      result: 'r3',
    });
    releases[0]();
    expect(await older).toMatchObject({ stamp: 's2', result: 'r2' });
    // The older result, ending last, did not overwrite the newer one.
    expect(await cache.getOrCompute('p', 'k', 's3', async () => 'again')).toMatchObject({
      source: 'memory',
      result: 'r3',
    });
    expect(rows.get('p:k')).toMatchObject({ stamp: 's3', result: 'r3' });
  });
});
