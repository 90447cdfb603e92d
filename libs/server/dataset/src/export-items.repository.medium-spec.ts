import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ItemRow } from '@clinrank/preference-export';
import { DataSource, type QueryRunner } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../migrations/index.js';
import { createTestDatabase, stopEmbeddedServer, type TestDatabase } from '../../../../test-support/test-database.js';
import { ExportItemsRepository } from './export-items.repository.js';

// The export's hot path (COPY … TO STDOUT) pinned on a real, migrated PostgreSQL: what rows it yields, in which order,
// that it agrees with the cursor path row for row, and that it only sees what its REPEATABLE READ snapshot saw.

const TRICKY = 'quote " backslash \\ tab \t newline \n unicode é 中 😀';

describe('ExportItemsRepository (COPY export)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let projectId: string;
  const repository = new ExportItemsRepository();

  const collect = async (rows: AsyncGenerator<ItemRow>) => {
    const all: ItemRow[] = [];
    for await (const row of rows) all.push(row);
    return all;
  };
  const inConsistentRead = async <T>(read: (runner: QueryRunner) => Promise<T>): Promise<T> => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await repository.beginConsistentRead(runner);
      const result = await read(runner);
      await runner.commitTransaction();
      return result;
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: ALL_MIGRATIONS,
      migrationsTableName: 'schema_migrations',
      extra: { max: 3 },
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const [{ id: annotator }] = await dataSource.query(
      `INSERT INTO users (username, display_name, role, pseudonym) VALUES ('ann', 'Ann', 'annotator', 'ann-1') RETURNING id`,
    );
    const [{ id: second }] = await dataSource.query(
      `INSERT INTO users (username, display_name, role, pseudonym) VALUES ('ann2', 'Ann 2', 'annotator', 'ann-2') RETURNING id`,
    );
    const [{ id: lead }] = await dataSource.query(
      `INSERT INTO users (username, display_name, role, pseudonym) VALUES ('lead', 'Lead', 'lead', 'lead-1') RETURNING id`,
    );
    [{ id: projectId }] = await dataSource.query(
      `INSERT INTO projects (slug, name, kind, criteria) VALUES ('p', 'P', 'pairwise', '{overall}') RETURNING id`,
    );
    await dataSource.query(
      `INSERT INTO projects (slug, name, kind, criteria) VALUES ('other', 'Other', 'pairwise', '{overall}')`,
    );
    // External ids chosen so byte order ("C") differs from a linguistic order: 'B' < 'a' < 'b'.
    for (const externalId of ['b', 'B', 'a']) {
      const [{ id: itemId }] = await dataSource.query(
        `INSERT INTO items (project_id, external_id, language, prompt, content_hash, metadata) VALUES ($1, $2, 'en', $3, 'h', '{"k": 1}') RETURNING id`,
        [projectId, externalId, `${externalId}: ${TRICKY}`],
      );
      const [{ id: r1 }] = await dataSource.query(
        `INSERT INTO responses (item_id, external_id, position, text, model) VALUES ($1, 'r1', 1, $2, 'm1') RETURNING id`,
        [itemId, TRICKY],
      );
      const [{ id: r2 }] = await dataSource.query(
        `INSERT INTO responses (item_id, external_id, position, text, model) VALUES ($1, 'r2', 0, 'second', 'm2') RETURNING id`,
        [itemId],
      );
      if (externalId === 'a') continue; // an item without labels
      for (const [who, choice] of [
        [annotator, 'a'],
        [second, 'b'],
      ]) {
        await dataSource.query(
          `INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, guideline_version, rationale) VALUES ($1, $2, $3, gen_random_uuid(), 'pairwise', $4, 1, $5)`,
          [
            projectId,
            itemId,
            who,
            JSON.stringify({
              kind: 'pairwise',
              a: r1,
              b: r2,
              judgements: { overall: { choice, strength: 'slightly' } },
            }),
            TRICKY,
          ],
        );
      }
      if (externalId === 'b')
        await dataSource.query(
          `INSERT INTO adjudications (project_id, item_id, lead_id, content) VALUES ($1, $2, $3, '{"verdict": "a"}')`,
          [projectId, itemId, lead],
        );
    }
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    await stopEmbeddedServer();
  });

  it('yields one row per item of the project, in byte order of external id, with responses by position and labels by id', async () => {
    const rows = await inConsistentRead((runner) => collect(repository.itemsByCopy(runner, projectId)));
    expect(rows.map((row) => row.id)).toEqual(['B', 'a', 'b']);
    const b = rows[2];
    expect(b).toMatchObject({ language: 'en', prompt: `b: ${TRICKY}`, is_gold: false, metadata: { k: 1 } });
    expect(b.responses.map((response) => [response.id, response.text, response.model])).toEqual([
      ['r2', 'second', 'm2'],
      ['r1', TRICKY, 'm1'],
    ]);
    const labelIds = b.labels.map((label) => label.id);
    expect(labelIds).toEqual([...labelIds].sort());
    const labelled = b.labels.map((label) => [
      label.annotatorId,
      (label.content as unknown as { judgements: { overall: { choice: string } } }).judgements.overall.choice,
      label.rationale,
    ]);
    expect(labelled.sort()).toEqual([
      ['ann-1', 'a', TRICKY],
      ['ann-2', 'b', TRICKY],
    ]);
    expect(b.labels[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(b.adjudication).toMatchObject({ leadId: 'lead-1', content: { verdict: 'a' }, guidelineVersion: 1 });
    expect(rows[1].labels).toEqual([]);
    expect(rows[1].adjudication).toBeNull();
  });

  it('gives exactly the rows of the cursor path', async () => {
    const copied = await inConsistentRead((runner) => collect(repository.itemsByCopy(runner, projectId)));
    const fetched = await inConsistentRead((runner) => collect(repository.itemsByCursor(runner, projectId, 2)));
    expect(copied).toEqual(fetched);
  });

  it('sees only its snapshot: a label committed while it reads is not exported', async () => {
    const rows = await inConsistentRead(async (runner) => {
      expect(await repository.countItems(runner, projectId)).toBe(3);
      const [{ id: itemId }] = await dataSource.query(
        `SELECT id FROM items WHERE project_id = $1 AND external_id = 'a'`,
        [projectId],
      );
      const [{ annotator_id, content }] = await dataSource.query(`SELECT annotator_id, content FROM labels LIMIT 1`);
      await dataSource.query(
        `INSERT INTO labels (project_id, item_id, annotator_id, submission_id, kind, content, guideline_version) VALUES ($1, $2, $3, gen_random_uuid(), 'pairwise', $4, 1)`,
        [projectId, itemId, annotator_id, content],
      );
      return collect(repository.itemsByCopy(runner, projectId));
    });
    expect(rows.find((row) => row.id === 'a')!.labels).toEqual([]);
    await dataSource.query(
      `DELETE FROM labels WHERE item_id = (SELECT id FROM items WHERE project_id = $1 AND external_id = 'a')`,
      [projectId],
    );
  });

  it('stopped early, leaves the connection usable for the rest of the transaction', async () => {
    const after = await inConsistentRead(async (runner) => {
      for await (const row of repository.itemsByCopy(runner, projectId)) {
        expect(row.id).toBe('B');
        break;
      }
      return repository.countLabels(runner, projectId);
    });
    expect(after).toBe(4);
  });

  it('refuses a project id that is not a UUID (COPY inlines it)', async () => {
    await inConsistentRead(async (runner) => {
      expect(() => repository.itemsByCopy(runner, "x'; DROP TABLE items; --")).toThrow(/must be a UUID/);
    });
  });
});
