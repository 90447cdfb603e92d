import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ok } from '../support/assertions.js';
import { startTestPlatform, SYSTEM_ACTOR, type TestPlatform } from '../support/test-platform.js';

const ITEMS = `query ($p: ID!, $f: ItemFilterInput) { items(projectId: $p, filter: $f) { total projectItems rows { id externalId language status labels flags isGold adjudicated promptExcerpt } } }`;
const BULK = `mutation ($input: ItemBulkInput!) { bulkItems(input: $input) { action changed skipped reason } }`;

let api: TestPlatform;
let lead: { id: string; token: string };
let projectId: string;
const ids: Record<string, string> = {};

function line(id: string, language: string, votes: [string, string][]) {
  const annotations = votes.map(([annotator, choice]) => ({
    annotator,
    kind: 'pairwise',
    a: 'r1',
    b: 'r2',
    criterion: 'overall',
    choice,
  }));
  return JSON.stringify({
    id,
    language,
    prompt: `Question about ${id}`,
    responses: [
      { id: 'r1', text: 'One' },
      { id: 'r2', text: 'Two' },
    ],
    annotations,
  });
}

async function externalIds(filter: Record<string, unknown>): Promise<string[]> {
  return ok(await api.gql(ITEMS, { p: projectId, f: filter }, lead.token)).items.rows.map(
    (row: { externalId: string }) => row.externalId,
  );
}

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('lead-items', 'lead');
  const project = await api.services.projects.create(
    { slug: 'items-cardio', name: 'Items', kind: 'pairwise', overlap: 2 },
    SYSTEM_ACTOR,
  );
  projectId = project.id;
  // i1: two labels that disagree; i2: one label, later flagged; i3 and i4 (zh): unlabelled.
  const content = [
    line('i1', 'en', [
      ['x', 'a'],
      ['y', 'b'],
    ]),
    line('i2', 'en', [['x', 'a']]),
    line('i3', 'en', []),
    line('i4', 'zh', []),
  ].join('\n');
  await api.services.imports.importFile(project, new TextEncoder().encode(content), { strict: true }, SYSTEM_ACTOR);
  for (const row of await api.platform.dataSource.query(`SELECT id, external_id FROM items WHERE project_id = $1`, [
    projectId,
  ]))
    ids[row.external_id] = row.id;
  await api.platform.dataSource.query(`UPDATE labels SET flags = '{unsafe}' WHERE item_id = $1`, [ids.i2]);
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('items of a project', () => {
  it('lists them with status, label counts and flags, and filters by text, language, status, disagreement and flags', async () => {
    const { items } = ok(await api.gql(ITEMS, { p: projectId }, lead.token));
    expect(items).toMatchObject({ total: 4, projectItems: 4 });
    expect(
      items.rows.map((row: { externalId: string; status: string; labels: number; flags: string[] }) => [
        row.externalId,
        row.status,
        row.labels,
        row.flags,
      ]),
    ).toEqual([
      ['i1', 'complete', 2, []],
      ['i2', 'in_progress', 1, ['unsafe']],
      ['i3', 'unlabelled', 0, []],
      ['i4', 'unlabelled', 0, []],
    ]);
    expect(await externalIds({ status: 'unlabelled' })).toEqual(['i3', 'i4']);
    expect(await externalIds({ language: 'zh' })).toEqual(['i4']);
    expect(await externalIds({ disagreement: true })).toEqual(['i1']);
    expect(await externalIds({ flagged: true })).toEqual(['i2']);
    expect(await externalIds({ q: 'about i3' })).toEqual(['i3']);
    expect(ok(await api.gql(ITEMS, { p: projectId, f: { language: 'zh' } }, lead.token)).items).toMatchObject({
      total: 1,
      projectItems: 4,
    });
  });

  it('deletes only unlabelled items with delete_unlabelled, and labelled ones only when confirmed, auditing each', async () => {
    const unlabelled = ok(
      await api.gql(BULK, { input: { projectId, itemIds: [ids.i1, ids.i3], action: 'delete_unlabelled' } }, lead.token),
    ).bulkItems;
    expect(unlabelled).toMatchObject({ changed: 1, skipped: 1, reason: '1 item(s) have labels and were kept' });
    const refused = await api.gql(BULK, { input: { projectId, itemIds: [ids.i1], action: 'delete' } }, lead.token);
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('have 2 labels'),
    });
    expect(await externalIds({})).toEqual(['i1', 'i2', 'i4']);
    ok(
      await api.gql(
        BULK,
        { input: { projectId, itemIds: [ids.i1], action: 'delete', confirmLabelled: true } },
        lead.token,
      ),
    );
    expect(await externalIds({})).toEqual(['i2', 'i4']);
    expect(
      await api.platform.dataSource.query(`SELECT count(*)::int AS n FROM labels WHERE item_id = $1`, [ids.i1]),
    ).toEqual([{ n: 0 }]);
    const audited = await api.platform.dataSource.query(
      `SELECT action, actor, before FROM audit_log WHERE action LIKE 'item.delete%' ORDER BY id`,
    );
    expect(audited).toEqual([
      {
        action: 'item.delete_unlabelled',
        actor: 'user:lead-items',
        before: expect.objectContaining({ externalId: 'i3', labels: 0 }),
      },
      {
        action: 'item.delete',
        actor: 'user:lead-items',
        before: expect.objectContaining({ externalId: 'i1', labels: 2 }),
      },
    ]);
  });

  it('sets gold only from a ruling, and re-queues items', async () => {
    const gold = ok(
      await api.gql(BULK, { input: { projectId, itemIds: [ids.i2], action: 'set_gold' } }, lead.token),
    ).bulkItems;
    expect(gold).toMatchObject({ changed: 0, skipped: 1, reason: expect.stringContaining('adjudicate them first') });
    const [label] = await api.platform.dataSource.query(`SELECT content FROM labels WHERE item_id = $1`, [ids.i2]);
    ok(
      await api.gql(
        `mutation ($input: AdjudicateInput!) { adjudicate(input: $input) { itemId } }`,
        {
          input: {
            itemId: ids.i2,
            content: {
              a: label.content.a,
              b: label.content.b,
              judgements: Object.fromEntries(
                ['accuracy', 'helpfulness', 'safety', 'overall'].map((criterion) => [criterion, { choice: 'a' }]),
              ),
            },
          },
        },
        lead.token,
      ),
    );
    expect(
      ok(await api.gql(BULK, { input: { projectId, itemIds: [ids.i2], action: 'set_gold' } }, lead.token)).bulkItems,
    ).toMatchObject({ changed: 1, skipped: 0 });
    expect(await externalIds({ gold: true })).toEqual(['i2']);
    expect(
      ok(await api.gql(BULK, { input: { projectId, itemIds: [ids.i4], action: 're_queue' } }, lead.token)).bulkItems,
    ).toMatchObject({ changed: 1 });
    expect(
      await api.platform.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('item.set_gold', 'item.re_queue')`,
      ),
    ).toEqual([{ n: 2 }]);
  });

  it('refuses annotators and items of another project', async () => {
    const annotator = await api.createUser('ann-items', 'annotator');
    expect((await api.gql(ITEMS, { p: projectId }, annotator.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = await api.services.projects.create(
      { slug: 'items-other', name: 'Other', kind: 'pairwise' },
      SYSTEM_ACTOR,
    );
    const wrong = await api.gql(
      BULK,
      { input: { projectId: other.id, itemIds: [ids.i4], action: 'delete' } },
      lead.token,
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
