import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ProjectEntity } from '@clinrank/server-project';
import { registeredSql } from '@clinrank/server-core';
import { ItemRepository } from './item.repository.js';
import { SYSTEM_ACTOR, startMediumContext, type MediumContext } from '../../../../test-support/medium-services.js';

// The bulk import path (good lines COPYed in batches into a staging table, new items stored by one set-based statement)
// on a real, migrated PostgreSQL: files of more than one batch, bad lines reported by number, idempotent re-imports,
// rows equal to the ones the line-by-line path writes, and no partial commit in strict mode.

const TRICKY = 'quote " backslash \\ \\N tab \t newline \n cr \r unicode é 中 😀 rtl مرحبا';
const BATCH = 5000; // BATCH_LINES in item-import.service.ts; the files below span several batches.

let context: MediumContext;

beforeAll(async () => {
  context = await startMediumContext();
}, 120_000);

afterAll(async () => {
  await context?.close();
});

function line(id: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    language: 'en',
    specialty: 'cardiology',
    prompt: `Question ${id}: ${TRICKY}`,
    responses: [
      { id: 'r1', text: `First ${TRICKY}`, source: 'model', model: 'model-a', modelVersion: '1' },
      { id: 'r2', text: 'Second', source: 'human' },
    ],
    ...extra,
  });
}

function file(lines: string[]): Uint8Array {
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

async function project(slug: string): Promise<ProjectEntity> {
  return context.services.projects.create({ slug, name: slug, kind: 'pairwise', overlap: 1 }, SYSTEM_ACTOR);
}

async function scalar(sql: string, parameters: unknown[]): Promise<number> {
  const [row]: { n: number }[] = await context.dataSource.query(sql, parameters);
  return Number(row.n);
}

const itemCount = (projectId: string) =>
  scalar(`SELECT count(*)::int AS n FROM items WHERE project_id = $1`, [projectId]);
const responseCount = (projectId: string) =>
  scalar(`SELECT count(*)::int AS n FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1`, [
    projectId,
  ]);
const auditCount = (projectId: string, action: string) =>
  scalar(`SELECT count(*)::int AS n FROM audit_log WHERE project_id = $1 AND action = $2`, [projectId, action]);

/** An item as stored, without generated ids: what two import paths must agree on. */
async function storedItem(projectId: string, externalId: string) {
  const [item] = await context.dataSource.query(
    `SELECT i.external_id, i.language, i.specialty, i.prompt, i.messages, i.reference, i.metadata, i.is_gold,
            i.content_hash, i.gold->>'criterion' AS gold_criterion,
            (SELECT r.external_id FROM responses r WHERE r.id::text = i.gold->>'preferred') AS gold_preferred,
            (SELECT json_agg(json_build_object('id', r.external_id, 'position', r.position, 'text', r.text,
                     'source', r.source, 'model', r.model, 'modelVersion', r.model_version, 'generator', r.generator)
                     ORDER BY r.position)
               FROM responses r WHERE r.item_id = i.id) AS responses
       FROM items i WHERE i.project_id = $1 AND i.external_id = $2`,
    [projectId, externalId],
  );
  return item;
}

/** The node types of the plan PostgreSQL chooses for `sql` with `parameters` (its EXPLAIN, not run). */
async function planNodes(sql: string, parameters: unknown[]): Promise<string[]> {
  const [
    {
      'QUERY PLAN': [plan],
    },
  ] = await context.dataSource.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters);
  const nodes: string[] = [];
  const walk = (node: { 'Node Type': string; 'Index Name'?: string; Plans?: unknown[] }) => {
    nodes.push(node['Index Name'] ? `${node['Node Type']} ${node['Index Name']}` : node['Node Type']);
    for (const child of node.Plans ?? []) walk(child as typeof node);
  };
  walk(plan.Plan);
  return nodes;
}

// First in the file: `items` has never been analysed, as after a fresh install's first import.
describe('planner statistics after a large import', () => {
  it('are refreshed, so the next-task statement reads the queue index in order instead of sorting the project', async () => {
    const target = await project('bulk-statistics');
    const count = 2000;
    const report = await context.services.imports.importFile(
      target,
      file(Array.from({ length: count }, (_, index) => line(`stat-${index}`))),
      { strict: true },
      SYSTEM_ACTOR,
    );
    expect(report.imported).toBe(count);
    const [{ reltuples }] = await context.dataSource.query(
      `SELECT reltuples::int AS reltuples FROM pg_class WHERE oid = 'items'::regclass`,
    );
    expect(reltuples).toBe(await itemCount(target.id));
    const candidate = registeredSql().find((statement) => statement.name === 'task.lock-next-candidate')!;
    const [{ id: annotator }] = await context.dataSource.query(`SELECT gen_random_uuid() AS id`);
    const nodes = await planNodes(candidate.text, [target.id, false, 1, ['en'], ['cardiology'], annotator, []]);
    // Limit → LockRows → joins → the queue index read in order; no Sort above it (the responses' json_agg sorts its own).
    const queueScan = nodes.indexOf('Index Scan items_queue');
    expect(queueScan).toBeGreaterThan(0);
    expect(nodes.slice(0, queueScan)).not.toContain('Sort');
  });
});

/** An item's labels as stored, response ids written as the file's ids: what two import paths must agree on. */
async function storedLabels(projectId: string, externalId: string) {
  const responses: { id: string; external_id: string }[] = await context.dataSource.query(
    `SELECT r.id, r.external_id FROM responses r JOIN items i ON i.id = r.item_id
      WHERE i.project_id = $1 AND i.external_id = $2`,
    [projectId, externalId],
  );
  const external = (value: unknown) =>
    JSON.parse(
      responses.reduce((text, response) => text.replaceAll(response.id, response.external_id), JSON.stringify(value)),
    );
  const labels: Record<string, unknown>[] = await context.dataSource.query(
    `SELECT u.username, l.kind, l.origin, l.content, l.display_order AS shown, l.pair_key, l.guideline_version,
            (SELECT a.details FROM audit_log a WHERE a.action = 'label.create' AND a.entity_id = l.id::text) AS audit
       FROM labels l JOIN users u ON u.id = l.annotator_id JOIN items i ON i.id = l.item_id
      WHERE i.project_id = $1 AND i.external_id = $2 ORDER BY u.username`,
    [projectId, externalId],
  );
  const [{ label_count: labelCount }] = await context.dataSource.query(
    `SELECT label_count FROM items WHERE project_id = $1 AND external_id = $2`,
    [projectId, externalId],
  );
  return {
    labelCount,
    labels: labels.map((label) => ({
      ...external(label),
      pair_key: external(String(label.pair_key).split('|')).sort(),
    })),
  };
}

describe('bulk import through the staging table', () => {
  it('stores a file of several batches, reports every bad line by its number, and re-imports it unchanged', async () => {
    const target = await project('bulk-lenient');
    const total = 2 * BATCH + 300;
    const bad = new Map([
      [3, '{"id": "broken"'],
      [BATCH + 1, line('bulk-1')], // a duplicate of line 2's id
      [BATCH + 7, JSON.stringify({ id: 'no-responses', language: 'en', prompt: 'q?' })],
      [total - 1, line('wrong-language', { language: 'english' })],
    ]);
    const lines = Array.from({ length: total }, (_, index) => bad.get(index + 1) ?? line(`bulk-${index}`));
    const progress: number[] = [];
    // Watched, not replaced: how many lines the set-based statement stored, and in how many batches.
    const insertStaged = jest.spyOn(ItemRepository.prototype, 'insertStaged');
    const report = await context.services.imports.importStream(
      target,
      (async function* () {
        // Chunks that split lines (and multi-byte characters) anywhere.
        const bytes = file(lines);
        for (let at = 0; at < bytes.length; at += 65_521) yield bytes.subarray(at, at + 65_521);
      })(),
      { strict: false },
      SYSTEM_ACTOR,
      (event) => progress.push(event.lines),
    );
    const good = total - bad.size;
    expect(report).toMatchObject({ imported: good, updated: 0, unchanged: 0, rejected: 4, committed: true });
    const batches = await Promise.all(
      insertStaged.mock.results.map(async (result) => (await (result.value as Promise<{ items: number }>)).items),
    );
    insertStaged.mockRestore();
    expect(batches.length).toBeGreaterThanOrEqual(3);
    expect(batches.reduce((sum, inserted) => sum + inserted, 0)).toBe(good);
    expect(report.problems.map((problem) => problem.line)).toEqual([3, BATCH + 1, BATCH + 7, total - 1]);
    expect(report.problems[1]).toMatchObject({ field: 'id', reason: expect.stringContaining('duplicate id "bulk-1"') });
    expect(report.problems[2]).toMatchObject({ field: 'responses' });
    expect(report.problems[3]).toMatchObject({ field: 'language' });
    expect(progress).toEqual([...progress].sort((left, right) => left - right));
    expect(progress.at(-1)).toBeGreaterThanOrEqual(total);

    expect(await itemCount(target.id)).toBe(good);
    expect(await responseCount(target.id)).toBe(2 * good);
    expect(await auditCount(target.id, 'item.create')).toBe(good);
    expect(await auditCount(target.id, 'project.import')).toBe(1);
    const [audit] = await context.dataSource.query(
      `SELECT a.actor, a.entity_id, a.after FROM audit_log a JOIN items i ON i.id::text = a.entity_id
        WHERE a.action = 'item.create' AND i.project_id = $1 AND i.external_id = 'bulk-0'`,
      [target.id],
    );
    expect(audit).toMatchObject({ actor: 'system:medium-test', after: { externalId: 'bulk-0', responses: 2 } });
    const stored = await storedItem(target.id, 'bulk-0');
    expect(stored.prompt).toBe(`Question bulk-0: ${TRICKY}`);
    expect(stored.responses[0]).toEqual({
      id: 'r1',
      position: 0,
      text: `First ${TRICKY}`,
      source: 'model',
      model: 'model-a',
      modelVersion: '1',
      generator: null,
    });

    const again = await context.services.imports.importFile(target, file(lines), { strict: false }, SYSTEM_ACTOR);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: good, rejected: 4, committed: false });
    expect(again.problems.map((problem) => problem.line)).toEqual([3, BATCH + 1, BATCH + 7, total - 1]);
    expect(await itemCount(target.id)).toBe(good);
    expect(await responseCount(target.id)).toBe(2 * good);
    expect(await auditCount(target.id, 'item.create')).toBe(good);
  }, 300_000);

  it('stores what the line-by-line path stores, labels included, and updates changed items among new ones', async () => {
    const bulk = await project('bulk-equal-a');
    const perLine = await project('bulk-equal-b');
    const rich = {
      messages: [
        { role: 'user', content: 'Be careful' },
        { role: 'assistant', content: 'Yes' },
        { role: 'user', content: TRICKY },
      ],
      prompt: undefined,
      reference: 'A reference',
      metadata: { source: 'trec', nested: { list: [1, 2.5, null, true], text: TRICKY } },
      gold: { criterion: 'accuracy', preferred: 'r2' },
      annotations: [
        { annotator: 'ext-1', kind: 'pairwise', a: 'r1', b: 'r2', criterion: 'accuracy', choice: 'a' },
        // The same pair listed the other way round: one label, its choice kept relative to the first order.
        { annotator: 'ext-1', kind: 'pairwise', a: 'r2', b: 'r1', criterion: 'overall', choice: 'a', strength: 'much' },
        {
          annotator: 'grader',
          annotatorKind: 'judge',
          kind: 'pairwise',
          a: 'r2',
          b: 'r1',
          criterion: 'overall',
          choice: 'tie',
        },
      ],
    };
    const insertStaged = jest.spyOn(ItemRepository.prototype, 'insertStaged');
    expect(
      await context.services.imports.importFile(bulk, file([line('rich', rich)]), { strict: true }, SYSTEM_ACTOR),
    ).toMatchObject({ imported: 1, labelsImported: 2, rejected: 0, problems: [] });
    // The annotated line took the set-based statement.
    expect(await insertStaged.mock.results[0]?.value).toEqual({ items: 1, labels: 2 });
    insertStaged.mockRestore();
    // A row the database refuses in the same batch sends the other project's copy through the line-by-line path.
    await context.dataSource.query(
      `ALTER TABLE items ADD CONSTRAINT medium_poison_equal CHECK (external_id <> 'poison')`,
    );
    try {
      expect(
        await context.services.imports.importFile(
          perLine,
          file([line('rich', rich), line('poison')]),
          { strict: false },
          SYSTEM_ACTOR,
        ),
      ).toMatchObject({ imported: 1, labelsImported: 2, rejected: 1 });
    } finally {
      await context.dataSource.query(`ALTER TABLE items DROP CONSTRAINT medium_poison_equal`);
    }
    expect(await storedLabels(bulk.id, 'rich')).toEqual(await storedLabels(perLine.id, 'rich'));
    expect(await storedLabels(bulk.id, 'rich')).toMatchObject({
      labelCount: 2,
      labels: [
        {
          username: 'ext:ext-1',
          content: { a: 'r1', b: 'r2', judgements: { accuracy: { choice: 'a' }, overall: { choice: 'b' } } },
          shown: ['r1', 'r2'],
        },
        { username: 'judge:grader', content: { a: 'r2', b: 'r1', judgements: { overall: { choice: 'tie' } } } },
      ],
    });
    // Re-imported: the labels are found by their submission ids, nothing is stored twice.
    expect(
      await context.services.imports.importFile(bulk, file([line('rich', rich)]), { strict: true }, SYSTEM_ACTOR),
    ).toMatchObject({ imported: 0, updated: 0, unchanged: 1, labelsImported: 0 });
    expect(await auditCount(bulk.id, 'label.create')).toBe(2);
    const fromBulk = await storedItem(bulk.id, 'rich');
    const fromLine = await storedItem(perLine.id, 'rich');
    expect(fromBulk).toEqual(fromLine);
    expect(fromBulk).toMatchObject({ is_gold: true, gold_criterion: 'accuracy', gold_preferred: 'r2', prompt: null });
    expect(fromBulk.messages[2].content).toBe(TRICKY);

    // A changed item (line by line) between new ones (set-based), and an unchanged one.
    const changed = await context.services.imports.importFile(
      bulk,
      file([line('new-1'), line('rich', { ...rich, reference: 'Changed' }), line('new-2')]),
      { strict: false },
      SYSTEM_ACTOR,
    );
    expect(changed).toMatchObject({ imported: 2, updated: 1, unchanged: 0, rejected: 0 });
    expect((await storedItem(bulk.id, 'rich')).reference).toBe('Changed');
    expect(await auditCount(bulk.id, 'item.update')).toBe(1);
  }, 120_000);

  it('in strict mode commits nothing when a line deep in the file is bad or refused by the database', async () => {
    const target = await project('bulk-strict');
    const total = BATCH + 500;
    const lines = Array.from({ length: total }, (_, index) => line(`strict-${index}`));
    const parseBad = [...lines];
    parseBad[BATCH + 100] = '{"id": "broken"';
    const parsed = await context.services.imports.importFile(target, file(parseBad), { strict: true }, SYSTEM_ACTOR);
    expect(parsed).toMatchObject({ imported: 0, rejected: 1, committed: false, strict: true });
    expect(parsed.problems.map((problem) => problem.line)).toEqual([BATCH + 101]);
    expect(await itemCount(target.id)).toBe(0);
    expect(await auditCount(target.id, 'item.create')).toBe(0);

    // A row the database refuses (a data error) in the second batch: the set-based insert fails, the batch is retried
    // line by line to find the line, and the whole import rolls back.
    await context.dataSource.query(
      `ALTER TABLE items ADD CONSTRAINT medium_poison CHECK (external_id <> 'strict-${BATCH + 200}')`,
    );
    try {
      const refused = await context.services.imports.importFile(target, file(lines), { strict: true }, SYSTEM_ACTOR);
      expect(refused).toMatchObject({ imported: 0, rejected: 1, committed: false });
      expect(refused.problems).toEqual([
        {
          line: BATCH + 201,
          field: '(line)',
          reason: 'the database refused this line (SQLSTATE 23514); nothing from it was saved',
        },
      ]);
      expect(await itemCount(target.id)).toBe(0);
      expect(await responseCount(target.id)).toBe(0);
      expect(await auditCount(target.id, 'item.create')).toBe(0);

      // Without strict, only that line is refused, and the rest of its batch is stored.
      const lenient = await context.services.imports.importFile(target, file(lines), { strict: false }, SYSTEM_ACTOR);
      expect(lenient).toMatchObject({ imported: total - 1, rejected: 1, committed: true });
      expect(lenient.problems.map((problem) => problem.line)).toEqual([BATCH + 201]);
      expect(await itemCount(target.id)).toBe(total - 1);
      expect(await auditCount(target.id, 'item.create')).toBe(total - 1);
    } finally {
      await context.dataSource.query(`ALTER TABLE items DROP CONSTRAINT medium_poison`);
    }

    // And the file imported again in strict mode: the missing line is new, the rest unchanged.
    const rerun = await context.services.imports.importFile(target, file(lines), { strict: true }, SYSTEM_ACTOR);
    expect(rerun).toMatchObject({ imported: 1, unchanged: total - 1, rejected: 0, committed: true });
    expect(await itemCount(target.id)).toBe(total);
  }, 300_000);

  it('ends the import on an error of the stream itself: strict stores nothing, otherwise stored batches stay', async () => {
    const lines = Array.from({ length: 2 * BATCH + 10 }, (_, index) => line(`broken-stream-${index}`));
    const bytes = file(lines);
    const failing = () =>
      (async function* () {
        yield bytes.subarray(0, Math.floor(bytes.length * 0.75));
        throw new Error('the client went away');
      })();
    for (const strict of [true, false]) {
      const target = await project(`bulk-stream-error-${strict}`);
      await expect(context.services.imports.importStream(target, failing(), { strict }, SYSTEM_ACTOR)).rejects.toThrow(
        'the client went away',
      );
      const stored = await itemCount(target.id);
      if (strict) expect(stored).toBe(0);
      else expect(stored).toBeGreaterThanOrEqual(BATCH);
      expect(await auditCount(target.id, 'item.create')).toBe(stored);
    }
  }, 300_000);
});
