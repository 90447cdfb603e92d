import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { createProject, importJsonl, itemLine, nextTask, ok, submit } from './support/collection-helpers.js';

const MEMBERS = `query ($p: ID!) { projectMembers(projectId: $p) { membersOnly members { username status quota submitted matchesRouting receivesTasks } } }`;
const SET = `mutation ($input: SetProjectMemberInput!) { setProjectMember(input: $input) { membersOnly } }`;

let api: TestPlatform;
let lead: { id: string; token: string };
let projectId: string;
const clinicians: Record<string, { id: string; token: string }> = {};

async function membership() {
  const data = ok(await api.gql(MEMBERS, { p: projectId }, lead.token)).projectMembers;
  return {
    membersOnly: data.membersOnly,
    byName: Object.fromEntries(data.members.map((member: { username: string }) => [member.username, member])),
  };
}

beforeAll(async () => {
  api = await startTestPlatform();
  lead = await api.createUser('lead-members', 'lead');
  for (const name of ['m-ana', 'm-ben', 'm-chen'])
    clinicians[name] = await api.createUser(name, 'annotator', {
      languages: name === 'm-chen' ? ['zh', 'en'] : ['en'],
    });
  projectId = await createProject(api, lead.token, {
    slug: 'members',
    name: 'Members',
    kind: 'pairwise',
    overlap: 3,
    languages: ['en'],
  });
  await importJsonl(api, lead.token, projectId, ['q1', 'q2', 'q3', 'q4'].map((id) => itemLine(id)).join('\n'));
}, 60_000);

afterAll(async () => {
  await api?.close();
});

describe('project membership', () => {
  it('by default takes everyone routing matches', async () => {
    const { membersOnly, byName } = await membership();
    expect(membersOnly).toBe(false);
    expect(byName['m-ana']).toMatchObject({ status: null, quota: null, matchesRouting: true, receivesTasks: true });
    expect(await nextTask(api, clinicians['m-ben'].token, projectId)).not.toBeNull();
  });

  it('gives a removed clinician no task, and stops a clinician at their quota', async () => {
    ok(await api.gql(SET, { input: { projectId, userId: clinicians['m-ben'].id, status: 'removed' } }, lead.token));
    expect(await nextTask(api, clinicians['m-ben'].token, projectId)).toBeNull();
    expect(await nextTask(api, clinicians['m-ben'].token)).toBeNull();

    ok(
      await api.gql(
        SET,
        { input: { projectId, userId: clinicians['m-ana'].id, status: 'member', quota: 1 } },
        lead.token,
      ),
    );
    const first = (await nextTask(api, clinicians['m-ana'].token, projectId))!;
    // Holding one task under a quota of one: that task comes back, but no second one is leased.
    expect((await nextTask(api, clinicians['m-ana'].token, projectId))!.taskId).toBe(first.taskId);
    ok(await submit(api, clinicians['m-ana'].token, first));
    expect(await nextTask(api, clinicians['m-ana'].token, projectId)).toBeNull();
    const { byName } = await membership();
    expect(byName['m-ana']).toMatchObject({ status: 'member', quota: 1, submitted: 1, receivesTasks: false });
    expect(byName['m-ben']).toMatchObject({ status: 'removed', receivesTasks: false });
  });

  it('with members only, gives tasks to members alone, and audits every change', async () => {
    ok(
      await api.gql(
        `mutation ($input: SetMembersOnlyInput!) { setMembersOnly(input: $input) { membersOnly } }`,
        { input: { projectId, membersOnly: true } },
        lead.token,
      ),
    );
    expect(await nextTask(api, clinicians['m-chen'].token, projectId)).toBeNull();
    ok(await api.gql(SET, { input: { projectId, userId: clinicians['m-chen'].id, status: 'member' } }, lead.token));
    expect(await nextTask(api, clinicians['m-chen'].token, projectId)).not.toBeNull();
    const audited = await api.platform.dataSource.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE project_id = $1 AND action IN ('project.member', 'project.members_only') GROUP BY action ORDER BY action`,
      [projectId],
    );
    expect(audited).toEqual([
      { action: 'project.member', n: 3 },
      { action: 'project.members_only', n: 1 },
    ]);
  });

  it('refuses annotators and a quota below zero', async () => {
    expect((await api.gql(MEMBERS, { p: projectId }, clinicians['m-ana'].token)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await api.gql(SET, { input: { projectId, userId: clinicians['m-ana'].id, quota: -1 } }, lead.token)).errors?.[0]
        ?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });
});
