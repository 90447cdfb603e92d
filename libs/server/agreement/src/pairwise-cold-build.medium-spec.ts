import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRng } from '@clinrank/statistics';
import { startMediumContext, type MediumContext } from '../../../../test-support/medium-services.js';
import { findProject } from './agreement-labels.js';
import { AgreementLabelsRepository } from './agreement-labels.repository.js';
import { AgreementTallyStore, type CurrentTally } from './agreement-tally.js';
import type { ProjectTallyState } from './project-tally.js';

const CHOICES = ['a', 'b', 'tie', 'both_bad'] as const;
const CRITERIA = ['accuracy', 'helpfulness', 'safety'];

/** The state with its arrays in one order (the builds may list counts in another order; the counts must be equal). */
function canonical(state: ProjectTallyState): unknown {
  const sorted = <T>(rows: T[]) => [...rows].map((row) => JSON.stringify(row)).sort();
  return {
    ...state,
    annotators: sorted(state.annotators),
    criteria: sorted(state.criteria),
    tallies: sorted(
      state.tallies.map(({ criterion, scale, state: tally }) => ({
        criterion,
        scale,
        values: tally.values,
        coders: tally.coders,
        pairs: sorted(tally.pairs),
        sizes: sorted(tally.sizes),
        valueTotals: sorted(tally.valueTotals),
        coderTotals: sorted(tally.coderTotals),
        coderPairs: sorted(
          tally.coderPairs.map((row) => {
            const cells: number[][] = [];
            for (let i = 2; i < row.length; i += 3) cells.push(row.slice(i, i + 3));
            return [row[0], row[1], sorted(cells)];
          }),
        ),
      })),
    ),
  };
}

describe('cold tally build of a pairwise project by COPY (real PostgreSQL)', () => {
  let context: MediumContext;
  let users: { id: string }[];
  beforeAll(async () => {
    context = await startMediumContext();
    users = await context.dataSource.query(
      `INSERT INTO users (username, display_name, role) SELECT 'cold-' || g, 'Annotator ' || g, 'annotator'
         FROM generate_series(1, 7) g RETURNING id`,
    );
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  /** A project of `items` items with three responses each, labelled at random (see the cases listed in the test). */
  async function labelledProject(slug: string, seed: number, items: number) {
    const ds = context.dataSource;
    const rng = createRng(seed);
    const pick = <T>(values: readonly T[]) => values[Math.floor(rng() * values.length)];
    const [{ id }] = await ds.query(
      `INSERT INTO projects (slug, name, kind, criteria) VALUES ($1, $1, 'pairwise', $2) RETURNING id`,
      [slug, [...CRITERIA, 'never-labelled']],
    );
    await ds.query(
      `INSERT INTO guideline_versions (project_id, version, markdown, created_by) VALUES ($1, 1, '# T', 'test')`,
      [id],
    );
    for (let i = 0; i < items; i++) {
      const [item] = await ds.query(
        `INSERT INTO items (project_id, external_id, language, prompt, content_hash) VALUES ($1, $2, 'en', 'Q', md5($2)) RETURNING id`,
        [id, `${slug}-${i}`],
      );
      const responses: string[] = (
        await ds.query(
          `INSERT INTO responses (item_id, external_id, position, text) SELECT $1, 'r' || p, p, 'answer' FROM generate_series(0, 2) p RETURNING id`,
          [item.id],
        )
      ).map((row: { id: string }) => row.id);
      // 0 to 5 labels an item; an annotator may judge both pairs of an item (two units), shown either way round.
      for (const annotator of users.slice(0, Math.floor(rng() * 6))) {
        const pairs = rng() < 0.2 ? [0, 1] : [Math.floor(rng() * 2)];
        for (const p of pairs) {
          const pair = p === 0 ? [responses[0], responses[1]] : [responses[1], responses[2]];
          const shown = rng() < 0.5 ? pair : [pair[1], pair[0]];
          const judgements: Record<string, unknown> = {};
          for (const criterion of ['overall', ...CRITERIA]) {
            if (criterion !== 'overall' && rng() < 0.3) continue; // a missing criterion
            const choice = pick(CHOICES);
            // Ties and both_bad without strength; a or b with slightly, much or none.
            judgements[criterion] = {
              choice,
              strength: choice === 'a' || choice === 'b' ? pick(['slightly', 'much', null]) : null,
            };
          }
          await ds.query(
            `INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, display_order, guideline_version, pair_key)
             VALUES ($1, $2, $3, $4, 'pairwise', $5, $6, 1, $7)`,
            [
              id,
              item.id,
              annotator.id,
              randomUUID(),
              { kind: 'pairwise', a: shown[0], b: shown[1], judgements },
              shown,
              [...pair].sort().join(':'),
            ],
          );
        }
      }
    }
    // Retractions: some labels are deleted again.
    await ds.query(
      `DELETE FROM labels WHERE id IN (SELECT id FROM labels WHERE project_id = $1 ORDER BY submission_id LIMIT 15)`,
      [id],
    );
    return findProject(new AgreementLabelsRepository(ds), id);
  }

  let fellBack = false;

  async function coldBuild(scan: 'copy' | 'generic', projectId: string): Promise<CurrentTally> {
    const ds = context.dataSource;
    await ds.query(`DELETE FROM agreement_tallies WHERE project_id = $1`, [projectId]);
    const project = await findProject(new AgreementLabelsRepository(ds), projectId);
    // The store logs when the COPY build hands over to the row scan.
    const notes: string[] = [];
    const logger = { info: (_: unknown, message: string) => notes.push(message), warn: () => undefined };
    const current = await new AgreementTallyStore(ds, logger as never, scan).current(project);
    expect(current.compact).not.toBeNull();
    fellBack = notes.some((note) => note.includes('generic scan'));
    return current;
  }

  it('gives the tally and the bootstrap units the row scan gives (ties, missing criteria, two pairs, retractions)', async () => {
    const project = await labelledProject('cold-copy', 31, 60);
    const generic = await coldBuild('generic', project.id);
    const copied = await coldBuild('copy', project.id);
    expect(fellBack).toBe(false);
    expect(copied.tally.labels).toBeGreaterThan(100);
    expect(canonical(copied.tally.toJSON())).toEqual(canonical(generic.tally.toJSON()));
    // The value and coder lists come in the same first-seen order, so the units are numbered alike.
    expect(
      copied.tally
        .toJSON()
        .tallies.map((t) => [t.criterion, t.scale, t.state.values, t.state.coders])
        .sort(),
    ).toEqual(
      generic.tally
        .toJSON()
        .tallies.map((t) => [t.criterion, t.scale, t.state.values, t.state.coders])
        .sort(),
    );
    expect(copied.compact).toEqual(generic.compact);
    expect(copied.tally.labelledCriteria.sort()).toEqual(['accuracy', 'helpfulness', 'overall', 'safety']);
  }, 120_000);

  it('falls back to the row scan when a label of the project is not pairwise content', async () => {
    const project = await labelledProject('cold-other', 32, 12);
    const ds = context.dataSource;
    const [label] = await ds.query(`SELECT id, item_id FROM labels WHERE project_id = $1 LIMIT 1`, [project.id]);
    const [response] = await ds.query(`SELECT id FROM responses WHERE item_id = $1 LIMIT 1`, [label.item_id]);
    await ds.query(`UPDATE labels SET content = $2 WHERE id = $1`, [
      label.id,
      { kind: 'rating', scores: { clarity: { [response.id]: 3 } } },
    ]);
    const generic = await coldBuild('generic', project.id);
    const copied = await coldBuild('copy', project.id);
    expect(fellBack).toBe(true);
    expect(copied.tally.labelledCriteria).toContain('clarity');
    expect(copied.tally.toJSON()).toEqual(generic.tally.toJSON());
    expect(copied.compact).toEqual(generic.compact);
  }, 120_000);
});
