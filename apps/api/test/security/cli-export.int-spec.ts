// Finding 16 (half-finished CLI exports), replayed with the real CLI on a real database.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { count, createProject, importJsonl, itemLine } from '../collection/support/collection-helpers.js';
import { runCli } from '../../../cli/test/support/run-cli.js';

let api: TestPlatform;
let work: string;
let artifactDir: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'clinrank-sec-export-'));
  artifactDir = join(work, 'artifacts');
  api = await startTestPlatform({ ARTIFACT_DIR: artifactDir });
  const lead = await api.createUser('sec-export-lead', 'lead');
  const projectId = await createProject(api, lead.token, { slug: 'sec-export', name: 'Export', kind: 'pairwise' });
  const report = await importJsonl(api, lead.token, projectId, [labelledLine('e-1'), labelledLine('e-2')].join('\n'));
  expect(report.labelsImported).toBe(2); // an export of a project without labels is refused (EMPTY_EXPORT)
}, 60_000);

afterAll(async () => {
  await api?.close();
  rmSync(work, { recursive: true, force: true });
});

/** An item with one imported pairwise vote, so the project has a record to export. */
function labelledLine(id: string): string {
  return itemLine(id, {
    annotations: [{ annotator: 'ext-1', kind: 'pairwise', a: 'r1', b: 'r2', criterion: 'overall', choice: 'a' }],
  });
}

const env = () => ({ DATABASE_URL: api.config.databaseUrl!, ARTIFACT_DIR: artifactDir });
const snapshots = () => count(api, `SELECT count(*) FROM dataset_snapshots`);
const exportAudits = () => count(api, `SELECT count(*) FROM audit_log WHERE action = 'dataset.export'`);
const snapshotFolders = () =>
  existsSync(join(artifactDir, 'datasets')) ? readdirSync(join(artifactDir, 'datasets')) : [];

describe('clinrank export --out', () => {
  it('an --out that cannot be written leaves nothing registered, audited or half-written, and says so', async () => {
    const run = await runCli(['export', '--project', 'sec-export', '--out', '/proc/self/clinrank-export'], env());
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /--out: cannot write \/proc\/self\/clinrank-export .*nothing was exported or registered/,
    );
    expect(run.stdout).toBe('');
    expect(await snapshots()).toBe(0);
    expect(await exportAudits()).toBe(0);
    expect(snapshotFolders()).toEqual([]);
  }, 120_000);

  it('a writable --out gets the complete snapshot, registered once', async () => {
    const out = join(work, 'out', 'snapshot');
    const run = await runCli(['export', '--project', 'sec-export', '--out', out], { ...env(), LOG_LEVEL: 'silent' });
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['manifest.json', 'README.md']));
    expect(readdirSync(join(work, 'out'))).toEqual(['snapshot']);
    expect(
      await count(api, `SELECT count(*) FROM dataset_snapshots WHERE id = $1 AND status = 'ready'`, [printed.id]),
    ).toBe(1);
    expect(await exportAudits()).toBe(1);
  }, 120_000);
});
