import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { agreementSummary, normaliseFilter, type AgreementSummary, type AlphaEstimate } from '@clinrank/agreement';
import { createRng } from '@clinrank/statistics';
import { startMediumContext, type MediumContext } from '../../../../test-support/medium-services.js';
import { findProject, loadProjectLabels } from './agreement-labels.js';
import { AgreementLabelsRepository } from './agreement-labels.repository.js';
import { AgreementService } from './agreement.service.js';

type Kind = 'pairwise' | 'rating' | 'ranking';
const CHOICES = ['a', 'b', 'tie', 'both_bad'] as const;

function close(actual: number | null, expected: number | null): void {
  if (actual === null || expected === null) expect(actual).toBe(expected);
  else expect(actual).toBeCloseTo(expected, 9);
}

/** Every figure of the incremental summary against the full recompute (the bootstrap intervals are checked elsewhere). */
function expectSameFigures(incremental: AgreementSummary, full: AgreementSummary): void {
  expect({ labels: incremental.labels, items: incremental.items, coders: incremental.coders }).toEqual({
    labels: full.labels,
    items: full.items,
    coders: full.coders,
  });
  expect(incremental.criteria.map((c) => c.criterion)).toEqual(full.criteria.map((c) => c.criterion));
  const alpha = (a: AlphaEstimate | null, b: AlphaEstimate | null) => {
    if (a === null || b === null) return expect(a).toBe(b);
    close(a.alpha, b.alpha);
    expect([a.reason, a.units, a.pairableValues]).toEqual([b.reason, b.units, b.pairableValues]);
  };
  full.criteria.forEach((expected, index) => {
    const actual = incremental.criteria[index];
    expect([actual.units, actual.coders, actual.values, actual.headlineLevel]).toEqual([
      expected.units,
      expected.coders,
      expected.values,
      expected.headlineLevel,
    ]);
    alpha(actual.alphaNominal, expected.alphaNominal);
    alpha(actual.alphaOrdinal, expected.alphaOrdinal);
    alpha(actual.alphaInterval, expected.alphaInterval);
    close(actual.percentAgreement, expected.percentAgreement);
    close(actual.fleissKappa, expected.fleissKappa);
    expect(actual.fleissKappaReason === null).toBe(expected.fleissKappaReason === null);
    close(actual.kendallW, expected.kendallW);
    expect(actual.kendallWItems).toBe(expected.kendallWItems);
    expect(actual.cohenKappa.map((pair) => [pair.coderA, pair.coderB, pair.n, pair.reason])).toEqual(
      expected.cohenKappa.map((pair) => [pair.coderA, pair.coderB, pair.n, pair.reason]),
    );
    actual.cohenKappa.forEach((pair, i) => close(pair.kappa, expected.cohenKappa[i].kappa));
  });
}

describe('incremental agreement (real PostgreSQL, triggers)', () => {
  let context: MediumContext;
  let users: { id: string; username: string }[];
  beforeAll(async () => {
    context = await startMediumContext();
    users = await context.dataSource.query(
      `INSERT INTO users (username, display_name, role) SELECT 'tally-' || g, 'Annotator ' || g, 'annotator'
         FROM generate_series(1, 6) g RETURNING id, username`,
    );
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  async function project(kind: Kind, slug: string) {
    const ds = context.dataSource;
    const [{ id }] = await ds.query(
      `INSERT INTO projects (slug, name, kind, criteria) VALUES ($1, $1, $2, ARRAY['accuracy']) RETURNING id`,
      [slug, kind],
    );
    await ds.query(
      `INSERT INTO guideline_versions (project_id, version, markdown, created_by) VALUES ($1, 1, '# T', 'test')`,
      [id],
    );
    const items: { id: string; responses: string[] }[] = [];
    for (let i = 0; i < 5; i++) {
      const [item] = await ds.query(
        `INSERT INTO items (project_id, external_id, language, prompt, content_hash) VALUES ($1, $2, 'en', 'Q', md5($2)) RETURNING id`,
        [id, `${slug}-${i}`],
      );
      const responses: { id: string }[] = await ds.query(
        `INSERT INTO responses (item_id, external_id, position, text) SELECT $1, 'r' || p, p, 'answer' FROM generate_series(0, 2) p RETURNING id`,
        [item.id],
      );
      items.push({ id: item.id, responses: responses.map((response) => response.id) });
    }
    return { id, items };
  }

  function content(kind: Kind, responses: string[], pair: [string, string], rng: () => number): unknown {
    const pick = <T>(values: readonly T[]) => values[Math.floor(rng() * values.length)];
    if (kind === 'pairwise') {
      const judgement = () => {
        const choice = pick(CHOICES);
        return { choice, strength: choice === 'a' || choice === 'b' ? pick(['slightly', 'much']) : null };
      };
      const judgements: Record<string, unknown> = { overall: judgement() };
      if (rng() < 0.7) judgements.accuracy = judgement();
      return { kind, a: pair[0], b: pair[1], judgements };
    }
    if (kind === 'rating') {
      const scores = (count: number) =>
        Object.fromEntries(responses.slice(0, count).map((response) => [response, 1 + Math.floor(rng() * 3)]));
      return { kind, scores: { overall: scores(2), ...(rng() < 0.6 ? { accuracy: scores(3) } : {}) } };
    }
    const order = [...responses].sort(() => rng() - 0.5);
    return { kind, ranking: rng() < 0.3 ? [[order[0], order[1]], [order[2]]] : order.map((response) => [response]) };
  }

  async function fullSummary(projectId: string): Promise<AgreementSummary> {
    const repository = new AgreementLabelsRepository(context.dataSource);
    const ref = await findProject(repository, projectId);
    return agreementSummary(await loadProjectLabels(repository, ref, normaliseFilter(null)), null);
  }

  for (const [kind, seed] of [
    ['pairwise', 11],
    ['rating', 12],
    ['ranking', 13],
  ] as const) {
    it(`equals a full recompute after random label, edit and retract sequences (${kind})`, async () => {
      const ds = context.dataSource;
      const rng = createRng(seed);
      const { id, items } = await project(kind, `tally-${kind}`);
      const service = new AgreementService(ds);
      // The tally is built on the first summary; some labels exist before it, the rest arrive after.
      const live = new Map<string, { item: string; annotator: string; pairKey: string }>();
      const write = async () => {
        const item = items[Math.floor(rng() * items.length)];
        const annotator = users[Math.floor(rng() * users.length)];
        const pairs: [string, string][] = [
          [item.responses[0], item.responses[1]],
          [item.responses[1], item.responses[2]],
        ];
        const pair = kind === 'pairwise' ? pairs[Math.floor(rng() * 2)] : pairs[0];
        const pairKey = kind === 'pairwise' ? [...pair].sort().join(':') : '';
        const name = `${item.id} ${annotator.id} ${pairKey}`;
        const shown: [string, string] = rng() < 0.5 ? pair : [pair[1], pair[0]];
        const body = JSON.stringify(content(kind, item.responses, shown, rng));
        const roll = rng();
        if (!live.has(name)) {
          await ds.query(
            `INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, display_order, guideline_version, pair_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)`,
            [id, item.id, annotator.id, randomUUID(), kind, body, shown, pairKey],
          );
          live.set(name, { item: item.id, annotator: annotator.id, pairKey });
        } else if (roll < 0.6) {
          await ds.query(
            `UPDATE labels SET content = $4, updated_at = now() WHERE item_id = $1 AND annotator_id = $2 AND pair_key = $3`,
            [item.id, annotator.id, pairKey, body],
          );
        } else if (roll < 0.65) {
          // A statement that touches a label without changing it records nothing.
          await ds.query(`UPDATE labels SET updated_at = now() WHERE item_id = $1`, [item.id]);
        } else {
          await ds.query(`DELETE FROM labels WHERE item_id = $1 AND annotator_id = $2 AND pair_key = $3`, [
            item.id,
            annotator.id,
            pairKey,
          ]);
          live.delete(name);
        }
      };
      for (let i = 0; i < 25; i++) await write();
      let version = 0;
      for (let round = 0; round < 12; round++) {
        const incremental = await service.summary(id);
        expectSameFigures(incremental, await fullSummary(id));
        expect(incremental.cache.fresh).toBe(true);
        // Each round applies the changes to the stored tally (a rebuild from scratch would start again at version 1).
        const stamped = Number(incremental.cache.stamp.replace('tally:', ''));
        expect(stamped).toBeGreaterThanOrEqual(version);
        expect(stamped).toBeGreaterThan(round === 0 ? 0 : 1);
        version = stamped;
        const writes = 1 + Math.floor(rng() * 6);
        for (let i = 0; i < writes; i++) await write();
      }
      // A retraction of every label leaves nothing behind.
      await ds.query(`DELETE FROM labels WHERE project_id = $1`, [id]);
      const empty = await service.summary(id);
      expectSameFigures(empty, await fullSummary(id));
      expect(empty.labels).toBe(0);
      const [{ pending }] = await ds.query(
        `SELECT count(*)::int AS pending FROM agreement_label_changes WHERE project_id = $1`,
        [id],
      );
      expect(pending).toBe(0);
    }, 120_000);
  }

  it('bootstraps the intervals once per stamp, in the shape the full recompute gives, and keeps them in the table', async () => {
    const ds = context.dataSource;
    const rng = createRng(21);
    const { id, items } = await project('rating', 'tally-intervals');
    for (const item of items)
      for (const annotator of users.slice(0, 4))
        await ds.query(
          `INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, display_order, guideline_version)
           VALUES ($1, $2, $3, $4, 'rating', $5, '{}', 1)`,
          [id, item.id, annotator.id, randomUUID(), JSON.stringify(content('rating', item.responses, ['', ''], rng))],
        );
    const incremental = await new AgreementService(ds).summary(id, { criterion: 'overall' });
    const full = (await fullSummary(id)).criteria.find((criterion) => criterion.criterion === 'overall');
    // The full load reads units in the database's order, the tally item by item: the resamples differ, not the shape.
    for (const level of ['alphaNominal', 'alphaOrdinal', 'alphaInterval'] as const) {
      const a = incremental.criteria[0][level] as AlphaEstimate;
      const b = full?.[level] as AlphaEstimate;
      expect(a.resamples > 0).toBe(b.resamples > 0);
      if (a.low !== null && a.high !== null) {
        expect(a.low).toBeLessThanOrEqual(a.alpha as number);
        expect(a.high).toBeGreaterThanOrEqual(a.alpha as number);
      }
    }
    expect(incremental.cache).toMatchObject({ fresh: true, intervalsFresh: true, source: 'computed' });
    const again = await new AgreementService(ds).summary(id, { criterion: 'overall' });
    expect(again.cache).toMatchObject({ stamp: incremental.cache.stamp, source: 'table', intervalsFresh: true });
    expect(again.criteria).toEqual(incremental.criteria);
  }, 120_000);
});
