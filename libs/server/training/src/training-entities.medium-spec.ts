import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AgreementCacheEntity } from '@clinrank/server-agreement';
import { DatasetSnapshotEntity } from '@clinrank/server-dataset';
import { DataSource } from 'typeorm';
import { ALL_MIGRATIONS } from '../../../../migrations/index.js';
import { createTestDatabase, stopEmbeddedServer, type TestDatabase } from '../../../../test-support/test-database.js';
import { TrainingArtifactEntity } from './training-artifact.entity.js';
import { TrainingAttemptEntity } from './training-attempt.entity.js';
import { TrainingLogEntity } from './training-log.entity.js';
import { TrainingMetricEntity } from './training-metric.entity.js';
import { TrainingNodeEntity } from './training-node.entity.js';
import { TrainingRunEntity } from './training-run.entity.js';

// The entities of the training, dataset and agreement tables match the migrated schema: every mapped column exists
// with a readable type, so TypeORM can load each table's rows.

const ENTITIES = [
  TrainingNodeEntity,
  TrainingRunEntity,
  TrainingAttemptEntity,
  TrainingMetricEntity,
  TrainingLogEntity,
  TrainingArtifactEntity,
  DatasetSnapshotEntity,
  AgreementCacheEntity,
];

describe('entities of the training, dataset and agreement tables', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      entities: ENTITIES,
      migrations: ALL_MIGRATIONS,
      migrationsTableName: 'schema_migrations',
      extra: { max: 2 },
    });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const [{ id: nodeId }] = await dataSource.query(
      `INSERT INTO training_nodes (name, hostname) VALUES ('n', 'h') RETURNING id`,
    );
    const [{ id: runId }] = await dataSource.query(
      `INSERT INTO training_runs (kind, config, node_id, node_name, attempts) VALUES ('reward_model', '{"a": 1}', $1, 'n', 1) RETURNING id`,
      [nodeId],
    );
    await dataSource.query(
      `INSERT INTO training_attempts (run_id, attempt, node_id, node_name) VALUES ($1, 1, $2, 'n')`,
      [runId, nodeId],
    );
    await dataSource.query(
      `INSERT INTO training_metrics (run_id, attempt, step, name, value) VALUES ($1, 1, 3, 'loss', 0.5)`,
      [runId],
    );
    await dataSource.query(
      `INSERT INTO training_logs (run_id, attempt, stream, line) VALUES ($1, 1, 'stdout', 'hello')`,
      [runId],
    );
    await dataSource.query(
      `INSERT INTO training_artifacts (run_id, attempt, name, kind, uri, bytes, sha256) VALUES ($1, 1, 'model.pt', 'reward_model', 'file:///m', 7, 'x')`,
      [runId],
    );
    await dataSource.query(
      `INSERT INTO dataset_snapshots (request, manifest, directory, status) VALUES ('{}', '{}', '/d', 'ready')`,
    );
    const [{ id: projectId }] = await dataSource.query(
      `INSERT INTO projects (slug, name, kind, criteria) VALUES ('p', 'P', 'pairwise', '{overall}') RETURNING id`,
    );
    await dataSource.query(
      `INSERT INTO agreement_cache (project_id, cache_key, stamp, result, compute_ms) VALUES ($1, 'k', 's', '{"alpha": 0.5}', 12)`,
      [projectId],
    );
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    await stopEmbeddedServer();
  });

  it.each(ENTITIES.map((entity) => [entity.name, entity]))(
    '%s loads its row with every mapped column',
    async (_name, entity) => {
      const rows = await dataSource.getRepository(entity).find();
      expect(rows).toHaveLength(1);
      const columns = dataSource.getMetadata(entity).columns.map((column) => column.propertyName);
      for (const column of columns) expect(rows[0]).toHaveProperty(column);
    },
  );

  it('maps names and JSON as the services expect', async () => {
    const [run] = await dataSource.getRepository(TrainingRunEntity).find();
    expect(run).toMatchObject({
      kind: 'reward_model',
      status: 'queued',
      config: { a: 1 },
      attempts: 1,
      nodeName: 'n',
      maxAttempts: 3,
      releasedAttempts: 0,
    });
    const [cached] = await dataSource.getRepository(AgreementCacheEntity).find();
    expect(cached).toMatchObject({ cacheKey: 'k', stamp: 's', result: { alpha: 0.5 }, computeMs: 12 });
  });
});
