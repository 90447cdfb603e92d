import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { pairwiseLine, projectWith } from '../dataset/support.js';

const EXPORT = `mutation ($input: ExportRequestInput!) { requestExport(input: $input) { id name } }`;
const SNAPSHOTS = `{ trainableSnapshots { id name projectName projectSlug train validation test } }`;
const START = `mutation ($id: ID!) { startRewardModelRun(snapshotId: $id, input: { options: { epochs: 1 } }) { id status snapshotId } }`;

let api: TestPlatform;
let artifactDir: string;
let engineer: string;
let trainOnly: string;
let halves: string;

beforeAll(async () => {
  artifactDir = mkdtempSync(join(tmpdir(), 'clinrank-trainable-'));
  api = await startTestPlatform({ ARTIFACT_DIR: artifactDir });
  engineer = (await api.createUser('ml-snapshots', 'ml_engineer')).token;
  const { project } = await projectWith(
    api,
    'snap-cardio',
    'pairwise',
    Array.from({ length: 12 }, (_, index) => pairwiseLine(`q${index}`, ['a', 'a', index % 3 ? 'a' : 'b'])),
  );
  const exportAs = async (name: string, split: string) => {
    const result = await api.gql(
      EXPORT,
      {
        input: {
          projectId: project.id,
          name,
          request: { format: 'trl', policy: 'per-annotator', split, seed: 'fixed' },
        },
      },
      engineer,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.requestExport.id as string;
  };
  trainOnly = await exportAs('train only', '1,0,0');
  halves = await exportAs('train and validation', '0.5,0.5,0');
}, 60_000);

afterAll(async () => {
  await api?.close();
  rmSync(artifactDir, { recursive: true, force: true });
});

describe('training from a snapshot', () => {
  it('lists ready snapshots by name, with their project and the records in each split', async () => {
    const { data } = await api.gql(SNAPSHOTS, {}, engineer);
    const byName = Object.fromEntries(
      data!.trainableSnapshots.map((snapshot: { name: string }) => [snapshot.name, snapshot]),
    );
    expect(byName['train only']).toEqual({
      id: trainOnly,
      name: 'train only',
      projectName: 'snap-cardio',
      projectSlug: 'snap-cardio',
      train: 36,
      validation: 0,
      test: 0,
    });
    expect(byName['train and validation'].train + byName['train and validation'].validation).toBe(36);
    expect(byName['train and validation'].validation).toBeGreaterThan(0);
  });

  it('refuses a snapshot whose validation split is empty, and queues one with both splits', async () => {
    const refused = await api.gql(START, { id: trainOnly }, engineer);
    expect(refused.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'snapshotId' },
      message: expect.stringContaining('no validation records'),
    });
    const queued = await api.gql(START, { id: halves }, engineer);
    expect(queued.errors).toBeUndefined();
    expect(queued.data!.startRewardModelRun).toMatchObject({ status: 'queued', snapshotId: halves });
  });

  it('tells the GPU nodes page the exact worker commands, without the database password', async () => {
    const { data } = await api.gql(
      `{ workerSetup { localCommand remoteCommand loopbackOnly embedded } }`,
      {},
      engineer,
    );
    const url = new URL(api.config.databaseUrl!);
    expect(data!.workerSetup).toMatchObject({
      embedded: false,
      remoteCommand: expect.stringMatching(/^DATABASE_URL=.*postgres.* npx clinrank worker --gpus all$/),
    });
    expect(data!.workerSetup.localCommand).toContain(`${url.port}${url.pathname}`);
    if (url.password) expect(JSON.stringify(data)).not.toContain(`:${url.password}@`);
    if (url.password) expect(data!.workerSetup.remoteCommand).toContain(':PASSWORD@');
  });
});
