import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, SYSTEM_ACTOR, type TestPlatform } from '../support/test-platform.js';
import { jsonl, ok, pairwiseLine, projectWith, sha256, SNAPSHOT_FIELDS } from './support.js';

let api: TestPlatform;
let artifactDir: string;
let engineer: { id: string; token: string };
let lead: { id: string; token: string };
let annotator: { id: string; token: string };
let projectId: string;

const EXPORT = `mutation ($input: ExportRequestInput!) { requestExport(input: $input) { ${SNAPSHOT_FIELDS} } }`;

// Four items, three external annotators each (ext-1, ext-2, ext-3):
//   q1: a a b  → majority r1 (2/3)   q2: b b b → r2 unanimous   q3: a tie b → no majority   q4 (zh): a a a → r1
const LINES = [
  pairwiseLine('q1', ['a', 'a', 'b']),
  pairwiseLine('q2', ['b', 'b', 'b']),
  pairwiseLine('q3', ['a', 'tie', 'b']),
  pairwiseLine('q4', ['a', 'a', 'a'], { language: 'zh', prompt: '胸痛要紧吗？' }),
];

beforeAll(async () => {
  artifactDir = mkdtempSync(join(tmpdir(), 'clinrank-datasets-'));
  process.env.CLINRANK_CODE_VERSION = 'test-version';
  api = await startTestPlatform({ ARTIFACT_DIR: artifactDir });
  engineer = await api.createUser('ml-eng', 'ml_engineer');
  lead = await api.createUser('lead-ds', 'lead');
  annotator = await api.createUser('ann-ds', 'annotator');
  const { project, report } = await projectWith(api, 'ds-small', 'pairwise', LINES);
  expect(report.rejected).toBe(0);
  projectId = project.id;
}, 60_000);

afterAll(async () => {
  await api?.close();
  delete process.env.CLINRANK_CODE_VERSION;
  rmSync(artifactDir, { recursive: true, force: true });
});

async function exportAs(token: string, request: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return api.gql<{ requestExport: any }>(EXPORT, { input: { projectId, request, ...extra } }, token);
}

describe('requestExport', () => {
  it('writes every format into an immutable snapshot folder under <artifactDir>/datasets/<id>', async () => {
    for (const format of ['trl', 'trl-conversational', 'kto', 'openrlhf', 'ranking', 'raw']) {
      const snapshot = ok(
        await exportAs(engineer.token, {
          format,
          policy: 'majority',
          split: '1,0,0',
          promptKey: format === 'openrlhf' ? 'question' : undefined,
        }),
      ).requestExport;
      expect(snapshot.status).toBe('ready');
      const directory = join(artifactDir, 'datasets', snapshot.id);
      const [row] = await api.platform.dataSource.query(
        `SELECT directory, status FROM dataset_snapshots WHERE id = $1`,
        [snapshot.id],
      );
      expect(row).toEqual({ directory, status: 'ready' });
      expect(readdirSync(directory).sort()).toEqual([
        'README.md',
        'manifest.json',
        'test.jsonl',
        'train.jsonl',
        'validation.jsonl',
      ]);
      const manifest = JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8'));
      expect(manifest.codeVersion).toBe('test-version');
      expect(manifest.request.format).toBe(format);
      for (const file of manifest.files) expect(sha256(join(directory, file.name))).toBe(file.sha256);
      const train = jsonl(directory, 'train.jsonl');
      if (format === 'trl') {
        // majority: q1 r1 (2 of 3), q2 r2 (3 of 3), q4 r1; q3 has no unique majority (a, tie, b) and is dropped.
        expect(train.map((record) => [record.metadata.itemId, record.metadata.chosen.id])).toEqual([
          ['q1', 'r1'],
          ['q2', 'r2'],
          ['q4', 'r1'],
        ]);
        expect(train[0]).toMatchObject({
          prompt: 'Question q1?\n\n',
          chosen: 'First answer to q1',
          rejected: 'Second answer to q1',
        });
        // Nominal alpha over the 4 units (3 coders each): q1 {first 2, second 1}, q2 {second 3}, q3 {first, tie, second}, q4 {first 3}.
        // Off-diagonal coincidences (÷ m−1 = 2): q1 2·(2·1)/2 = 2, q3 6·(1·1)/2 = 3 → 5. Marginals first 6, second 5, tie 1, n = 12.
        // α = 1 − (n−1)·5 / (n² − Σn_c²) = 1 − 11·5/(144 − 62) = 27/82 = 0.329268.
        expect(manifest.agreement).toMatchObject({
          krippendorffAlpha: 0.329268,
          krippendorffAlphaLevel: 'nominal',
          krippendorffAlphaUnits: 4,
        });
      }
      if (format === 'trl-conversational') expect(train[0].prompt).toEqual([{ role: 'user', content: 'Question q1?' }]);
      if (format === 'openrlhf') expect(Object.keys(train[0]).slice(0, 3)).toEqual(['question', 'chosen', 'rejected']);
      if (format === 'kto')
        expect(train.slice(0, 2).map((record) => [record.completion, record.label])).toEqual([
          ['First answer to q1', true],
          ['Second answer to q1', false],
        ]);
      // raw: every label — 4 items × 3 annotators = 12 records, annotators pseudonymous (ann-…), never usernames.
      if (format === 'raw') {
        expect(train).toHaveLength(12);
        expect(train.every((record) => /^ann-/.test(record.annotatorId) && record.timeSpentMs === null)).toBe(true);
      }
      if (format === 'ranking')
        expect(train[0]).toMatchObject({ completions: ['First answer to q1', 'Second answer to q1'], ranking: [0, 1] });
    }
  });

  it('gives byte-identical files for the same request on the same data', async () => {
    const request = { format: 'ranking', policy: 'per-annotator', ties: 'keep', parquet: true, seed: 'fixed' };
    const first = ok(await exportAs(engineer.token, request)).requestExport;
    const second = ok(await exportAs(lead.token, request)).requestExport;
    expect(first.id).not.toBe(second.id);
    const digests = (snapshot: any) =>
      snapshot.files.filter((file: any) => file.sha256).map((file: any) => [file.name, file.sha256]);
    expect(digests(first)).toEqual(digests(second));
    expect(digests(first).map(([name]: [string]) => name)).toContain('train.parquet');
    for (const name of ['manifest.json', 'README.md', 'train.jsonl', 'train.parquet']) {
      expect(sha256(join(artifactDir, 'datasets', first.id, name))).toBe(
        sha256(join(artifactDir, 'datasets', second.id, name)),
      );
    }
  });

  it('filters: --where language=zh keeps only q4', async () => {
    const snapshot = ok(await exportAs(engineer.token, { where: 'language=zh', split: '1,0,0' })).requestExport;
    expect(
      jsonl(join(artifactDir, 'datasets', snapshot.id), 'train.jsonl').map((record) => record.metadata.itemId),
    ).toEqual(['q4']);
    expect(snapshot.manifest.counts.excluded).toEqual({ language: 3 });
  });

  it('refuses bad options with BAD_USER_INPUT naming the option, writing nothing', async () => {
    const before = readdirSync(join(artifactDir, 'datasets')).length;
    for (const [request, option] of [
      [{ format: 'csv' }, 'format'],
      [{ split: '0.8,0.1,0.2' }, 'split'],
      [{ minAgreement: 2 }, 'minAgreement'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const result = await exportAs(engineer.token, request);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toContain(option);
    }
    const gold = await exportAs(engineer.token, { policy: 'majority' }, { weightByGoldAccuracy: true });
    expect(gold.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weightByGoldAccuracy' });
    expect(readdirSync(join(artifactDir, 'datasets')).length).toBe(before);
  });

  it('is open to ml_engineer and lead only', async () => {
    const result = await exportAs(annotator.token, { format: 'trl' });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(
      (await api.gql(`query ($p: ID!) { datasetSnapshots(projectId: $p) { id } }`, { p: projectId }, annotator.token))
        .errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
  });

  it('records dataset.export in the audit log', async () => {
    const snapshot = ok(await exportAs(engineer.token, { format: 'raw' }, { name: 'audited' })).requestExport;
    const rows = await api.platform.dataSource.query(
      `SELECT actor, action, project_id FROM audit_log WHERE entity_id = $1`,
      [snapshot.id],
    );
    expect(rows).toEqual([{ actor: 'user:ml-eng', action: 'dataset.export', project_id: projectId }]);
    expect(snapshot.manifest.name).toBe('audited');
  });
});

describe('previewExport', () => {
  it('returns the first ten records and the counts without writing a snapshot', async () => {
    const before = await api.platform.dataSource.query(`SELECT count(*)::int AS n FROM dataset_snapshots`);
    const result = ok(
      await api.gql<{ previewExport: any }>(
        `query ($input: ExportRequestInput!) { previewExport(input: $input) { records counts request } }`,
        { input: { projectId, request: { format: 'raw', split: '1,0,0' } } },
        engineer.token,
      ),
    );
    // raw over 12 labels: the preview stops at ten, the counts cover all twelve.
    expect(result.previewExport.records).toHaveLength(10);
    expect(result.previewExport.records[0].split).toBe('train');
    expect(result.previewExport.counts.splits.train).toEqual({ items: 4, records: 12 });
    expect(result.previewExport.request.format).toBe('raw');
    expect(await api.platform.dataSource.query(`SELECT count(*)::int AS n FROM dataset_snapshots`)).toEqual(before);
  });
});

describe('policy dawid-skene', () => {
  it('writes the posterior outcome of each pair with its probability as the margin', async () => {
    const result = ok(
      await api.gql<{ previewExport: any }>(
        `query ($input: ExportRequestInput!) { previewExport(input: $input) { records counts request } }`,
        {
          input: {
            projectId,
            request: { format: 'trl', policy: 'dawid-skene', margin: 'probability', split: '1,0,0' },
          },
        },
        engineer.token,
      ),
    ).previewExport;
    expect(result.request.policy).toBe('dawid-skene');
    expect(result.request).not.toHaveProperty('pairPosteriors');
    const byPrompt = new Map<string, { margin: number; chosen: string }>(
      result.records.map((entry: { record: { prompt: string; margin: number; chosen: string } }) => [
        entry.record.prompt,
        entry.record,
      ]),
    );
    const q1 = [...byPrompt.entries()].find(([prompt]) => prompt.includes('q1'))?.[1];
    const q2 = [...byPrompt.entries()].find(([prompt]) => prompt.includes('q2'))?.[1];
    if (!q1 || !q2) throw new Error(`q1 and q2 should be exported: ${JSON.stringify(result.records)}`);
    // Three agreeing votes are surer than two against one; both are posterior probabilities.
    expect(q2.margin).toBeGreaterThan(q1.margin);
    expect(q1.margin).toBeGreaterThan(0.5);
    expect(q2.margin).toBeLessThanOrEqual(1);
    const refused = await exportAs(engineer.token, { policy: 'bayes' });
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('adjudication', () => {
  it('a lead ruling on the review page replaces the votes it overrules; --ignore-adjudications brings them back', async () => {
    const { project } = await projectWith(api, 'ds-adjudicated', 'pairwise', [
      pairwiseLine('q1', ['a', 'a', 'b']),
      pairwiseLine('q2', ['a', 'tie', 'b']),
    ]);
    const responses: { external_id: string; response: string; id: string }[] = await api.platform.dataSource.query(
      `SELECT i.external_id, r.external_id AS response, r.id FROM items i JOIN responses r ON r.item_id = i.id WHERE i.project_id = $1 ORDER BY 1, 2`,
      [project.id],
    );
    const uuid = (item: string, response: string) =>
      responses.find((row) => row.external_id === item && row.response === response)!.id;
    const [{ id: itemId }] = await api.platform.dataSource.query(
      `SELECT id FROM items WHERE project_id = $1 AND external_id = 'q1'`,
      [project.id],
    );
    await api.services.review.adjudicate(
      lead.id,
      itemId,
      {
        kind: 'pairwise',
        a: uuid('q1', 'r1'),
        b: uuid('q1', 'r2'),
        judgements: {
          overall: { choice: 'b', strength: 'much' },
          accuracy: { choice: 'b' },
          helpfulness: { choice: 'b' },
          safety: { choice: 'b' },
        },
      },
      'r1 misses the red flag',
      SYSTEM_ACTOR,
    );
    const run = async (request: Record<string, unknown>) =>
      ok(
        await api.gql<{ requestExport: any }>(
          EXPORT,
          { input: { projectId: project.id, request: { split: '1,0,0', ...request } } },
          engineer.token,
        ),
      ).requestExport;
    const ruled = await run({});
    const directory = join(artifactDir, 'datasets', ruled.id);
    // q1: the clinicians said r1 2–1, the lead r2; q2 (a, tie, b) has no majority and no ruling.
    expect(
      jsonl(directory, 'train.jsonl').map((record) => [
        record.metadata.itemId,
        record.metadata.chosen.id,
        record.metadata.adjudicated,
      ]),
    ).toEqual([['q1', 'r2', true]]);
    expect(ruled.manifest.counts.itemsAdjudicated).toBe(1);
    expect(readFileSync(join(directory, 'README.md'), 'utf8')).toContain('1 exported items were decided by a ruling');
    const votesOnly = await run({ ignoreAdjudications: true });
    expect(
      jsonl(join(artifactDir, 'datasets', votesOnly.id), 'train.jsonl').map((record) => record.metadata.chosen.id),
    ).toEqual(['r1']);
    expect(votesOnly.manifest.counts.itemsAdjudicated).toBe(0);
    const raw = jsonl(join(artifactDir, 'datasets', (await run({ format: 'raw' })).id), 'train.jsonl').filter(
      (record) => record.itemId === 'q1' && record.criterion === 'overall',
    );
    // Clinicians' labels (ordered by label id) come first, then the ruling.
    expect(
      raw
        .filter((record) => !record.adjudication)
        .map((record) => record.choice)
        .sort(),
    ).toEqual(['a', 'a', 'b']);
    expect(raw.map((record) => record.adjudication)).toEqual([false, false, false, true]);
    expect(raw[3]).toMatchObject({ strength: 'much', rationale: 'r1 misses the red flag', chosen: 'r2' });
  });
});

describe('empty exports', () => {
  it('are refused with EMPTY_EXPORT saying why, and leave no snapshot folder or row', async () => {
    const before = await api.platform.dataSource.query(`SELECT count(*)::int AS n FROM dataset_snapshots`);
    const folders = readdirSync(join(artifactDir, 'datasets')).length;
    const { project } = await projectWith(api, 'ds-empty', 'pairwise', []);
    const empty = await api.gql(
      EXPORT,
      { input: { projectId: project.id, request: { format: 'trl', parquet: true } } },
      engineer.token,
    );
    expect(empty.errors?.[0].extensions?.code).toBe('EMPTY_EXPORT');
    expect(empty.errors?.[0].message).toContain('the project has no items');
    const { project: unlabelled } = await projectWith(api, 'ds-unlabelled', 'pairwise', [
      { ...pairwiseLine('u1', []), annotations: [] },
    ]);
    const noLabels = await api.gql(EXPORT, { input: { projectId: unlabelled.id, request: {} } }, engineer.token);
    expect(noLabels.errors?.[0].message).toContain('the project has no labels');
    const filtered = await exportAs(engineer.token, { where: 'language=fr' });
    expect(filtered.errors?.[0].extensions?.code).toBe('EMPTY_EXPORT');
    expect(filtered.errors?.[0].message).toContain('every item was filtered out (language 4)');
    const noRewrites = await exportAs(engineer.token, { format: 'sft' });
    expect(noRewrites.errors?.[0].message).toContain('no-records 4');
    expect(await api.platform.dataSource.query(`SELECT count(*)::int AS n FROM dataset_snapshots`)).toEqual(before);
    expect(readdirSync(join(artifactDir, 'datasets'))).toHaveLength(folders);
  });
});

describe('consistency', () => {
  it('reads one database snapshot: labels committed during an export do not appear, not even half', async () => {
    const created = await projectWith(
      api,
      'ds-live',
      'pairwise',
      ['l1', 'l2', 'l3', 'l4'].map((id) => pairwiseLine(id, ['a'])),
    );
    const project = await api.services.datasets.project({ projectId: created.project.id });
    const request = api.services.datasets.buildRequest(project, { format: 'raw', split: '1,0,0' });
    const late = [pairwiseLine('l1', ['a', 'b']), pairwiseLine('l4', ['a', 'b'])];
    let injected = false;
    const snapshot = await api.services.datasets.exportProject(
      project,
      request,
      {
        batchSize: 1,
        onProgress: async (done) => {
          if (done !== 2 || injected) return;
          injected = true;
          // A second annotator labels l1 (already read) and l4 (not read yet), committed while the export is running.
          const report = await api.services.imports.importFile(
            created.project,
            Buffer.from(late.map((line) => JSON.stringify(line)).join('\n')),
            { strict: true },
            SYSTEM_ACTOR,
          );
          expect(report.labelsImported).toBe(2);
        },
      },
      SYSTEM_ACTOR,
    );
    expect(injected).toBe(true);
    const records = jsonl(snapshot.directory, 'train.jsonl');
    expect(records.map((record) => record.itemId)).toEqual(['l1', 'l2', 'l3', 'l4']);
    const after = await api.services.datasets.exportProject(project, request, {}, SYSTEM_ACTOR);
    expect(jsonl(after.directory, 'train.jsonl')).toHaveLength(6);
  });
});

describe('download', () => {
  it('streams manifest-listed files to ml_engineer/lead/admin, audited; annotators FORBIDDEN; no traversal', async () => {
    const snapshot = ok(await exportAs(engineer.token, { format: 'trl', split: '1,0,0' })).requestExport;
    const train = snapshot.files.find((file: any) => file.name === 'train.jsonl');
    const get = (url: string, token?: string) =>
      fetch(`${api.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const response = await get(train.url, lead.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    expect(await response.text()).toBe(readFileSync(join(artifactDir, 'datasets', snapshot.id, 'train.jsonl'), 'utf8'));
    expect((await get(train.url, annotator.token)).status).toBe(403);
    expect((await get(train.url)).status).toBe(401);
    for (const name of ['..%2F..%2F..%2Fetc%2Fpasswd', '..%2Fmanifest.json', 'secrets.txt', '%2Fetc%2Fpasswd']) {
      expect((await get(`/api/datasets/${snapshot.id}/files/${name}`, engineer.token)).status).toBe(404);
    }
    expect((await get(`/api/datasets/not-a-uuid/files/train.jsonl`, engineer.token)).status).toBe(404);
    expect((await get(`/api/datasets/${snapshot.id}/files/README.md`, engineer.token)).status).toBe(200);
    const audits = await api.platform.dataSource.query(
      `SELECT actor, details FROM audit_log WHERE action = 'dataset.download' AND entity_id = $1 ORDER BY id`,
      [snapshot.id],
    );
    expect(audits).toEqual([
      { actor: 'user:lead-ds', details: { file: 'train.jsonl', bytes: train.bytes } },
      { actor: 'user:ml-eng', details: { file: 'README.md', bytes: expect.any(Number) } },
    ]);
  });

  it('lists snapshots with manifests and links through GraphQL', async () => {
    const list = ok(
      await api.gql<{ datasetSnapshots: any[] }>(
        `query ($p: ID!) { datasetSnapshots(projectId: $p) { ${SNAPSHOT_FIELDS} } }`,
        { p: projectId },
        lead.token,
      ),
    ).datasetSnapshots;
    expect(list.length).toBeGreaterThan(5);
    const one = ok(
      await api.gql<{ datasetSnapshot: any }>(
        `query ($id: ID!) { datasetSnapshot(id: $id) { ${SNAPSHOT_FIELDS} } }`,
        { id: list[0].id },
        engineer.token,
      ),
    ).datasetSnapshot;
    expect(one.manifest).toEqual(list[0].manifest);
    expect(one.files.map((file: any) => file.url)).toContain(`/api/datasets/${one.id}/files/manifest.json`);
  });
});
