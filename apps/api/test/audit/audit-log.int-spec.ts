import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ok } from '../support/assertions.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

const ENTRY =
  'action entityType entityId actor actorName entityName projectName summary changes { field before after }';
const LOG = `query ($action: String, $entityType: String, $actor: String, $from: DateTime, $to: DateTime) {
  auditLog(action: $action, entityType: $entityType, actor: $actor, from: $from, to: $to) { total entries { ${ENTRY} } } }`;

let api: TestPlatform;
let lead: { id: string; token: string };
let projectId: string;

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('lead-audit', 'lead');
  const created = ok(
    await api.gql(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { slug: 'audit-cardio', name: 'Cardio', kind: 'pairwise', overlap: 3 } },
      lead.token,
    ),
  );
  projectId = created.createProject.id;
  ok(
    await api.gql(
      `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { id } }`,
      { input: { id: projectId, name: 'Cardiology', overlap: 2 } },
      lead.token,
    ),
  );
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('the audit log, readable', () => {
  it('names the actor and the object, and summarises before → after', async () => {
    const { auditLog } = ok(await api.gql(LOG, { action: 'project.update' }, lead.token));
    expect(auditLog.total).toBe(1);
    const [entry] = auditLog.entries;
    expect(entry).toMatchObject({
      actor: 'user:lead-audit',
      entityName: 'Cardiology',
      projectName: 'Cardiology',
      entityId: projectId,
    });
    expect(entry.actorName).toContain('lead-audit');
    expect(entry.changes).toEqual([
      { field: 'name', before: '"Cardio"', after: '"Cardiology"' },
      { field: 'overlap', before: '3', after: '2' },
    ]);
    expect(entry.summary).toBe('name: "Cardio" → "Cardiology"; overlap: 3 → 2');
  });

  it('filters by actor, action, object type and date', async () => {
    const count = async (variables: Record<string, unknown>) =>
      ok(await api.gql(LOG, variables, lead.token)).auditLog.total as number;
    expect(await count({ entityType: 'project', actor: 'lead-audit' })).toBe(2);
    expect(await count({ entityType: 'project', actor: 'nobody' })).toBe(0);
    expect(await count({ action: 'project.create', from: new Date(Date.now() - 3_600_000).toISOString() })).toBe(1);
    expect(await count({ action: 'project.create', to: new Date(Date.now() - 3_600_000).toISOString() })).toBe(0);
    const { auditFacets } = ok(await api.gql(`{ auditFacets { actions entityTypes } }`, {}, lead.token));
    expect(auditFacets.actions).toEqual(expect.arrayContaining(['project.create', 'project.update']));
    expect(auditFacets.entityTypes).toContain('project');
  });

  it('exports the filtered log as CSV, and audits the export', async () => {
    const { exportAuditLog } = ok(
      await api.gql(`mutation { exportAuditLog(entityType: "project") { csv rows total truncated } }`, {}, lead.token),
    );
    expect(exportAuditLog).toMatchObject({ rows: 2, total: 2, truncated: false });
    const lines = exportAuditLog.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,actor,actor_name,action,object_type,object_id,object_name,project,summary');
    expect(lines[1]).toContain(',project.update,project,');
    expect(lines[1]).toContain('"name: ""Cardio"" → ""Cardiology""; overlap: 3 → 2"');
    const [row] = await api.platform.dataSource.query(
      `SELECT actor, details FROM audit_log WHERE action = 'audit.export'`,
    );
    expect(row).toMatchObject({
      actor: 'user:lead-audit',
      details: { rows: 2, total: 2, filters: { entityType: 'project' } },
    });
  });

  it('refuses annotators', async () => {
    const annotator = await api.createUser('ann-audit', 'annotator');
    expect(
      (await api.gql(`mutation { exportAuditLog { rows } }`, {}, annotator.token)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });
});
