import { beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@clinrank/domain';
import { AuditService } from '@clinrank/server-audit';
import type { Actor } from '@clinrank/server-core';
import { newTestService, type Fake, type TestService } from '@clinrank/server-core/testing';
import { UserEntity } from '@clinrank/server-identity';
import type { ProjectEntity } from './project.entity.js';
import { ProjectMembersRepository, type MemberRow } from './project-members.repository.js';
import { ProjectMembersService } from './project-members.service.js';
import { ProjectService } from './project.service.js';

const LEAD: Actor = { kind: 'user', userId: 'lead-id', username: 'lea', role: 'lead' };
const PROJECT = { id: 'p1', languages: ['en'], specialties: ['cardiology'], settings: {} } as unknown as ProjectEntity;

function member(id: string, changes: Partial<MemberRow> = {}): MemberRow {
  return {
    id,
    username: id,
    display_name: id.toUpperCase(),
    languages: ['en'],
    specialties: ['cardiology'],
    status: null,
    quota: null,
    submitted: 0,
    ...changes,
  } as MemberRow;
}

describe(ProjectMembersService.name, () => {
  let t: TestService<ProjectMembersService, ConstructorParameters<typeof ProjectMembersService>>;
  let repository: Fake<ProjectMembersRepository>;

  beforeEach(() => {
    t = newTestService(ProjectMembersService);
    repository = t.fake(ProjectMembersRepository);
    t.fake(ProjectService).get.mockResolvedValue(PROJECT);
  });

  describe('members', () => {
    const rows = [
      member('routed'),
      member('elsewhere', { languages: ['fr'] }),
      member('nolang', { languages: [], specialties: [] }),
      member('removed', { status: 'removed' }),
      member('full', { status: 'member', quota: 3, submitted: 3 }),
      member('listed', { status: 'member', quota: 3, submitted: 2 }),
    ];

    it('by default gives tasks to everyone not removed and under quota, and tells who matches the routing', async () => {
      repository.members.mockResolvedValue(rows);
      const { membersOnly, members } = await t.sut.members('cardio');
      expect(membersOnly).toBe(false);
      expect(members.map((entry) => [entry.userId, entry.matchesRouting, entry.receivesTasks])).toEqual([
        ['routed', true, true],
        ['elsewhere', false, true],
        ['nolang', true, true],
        ['removed', true, false],
        ['full', true, false],
        ['listed', true, true],
      ]);
    });

    it('gives tasks only to members under quota when the project takes members only', async () => {
      t.fake(ProjectService).get.mockResolvedValue({ ...PROJECT, settings: { membersOnly: true } } as ProjectEntity);
      repository.members.mockResolvedValue(rows);
      const { membersOnly, members } = await t.sut.members('cardio');
      expect(membersOnly).toBe(true);
      expect(members.filter((entry) => entry.receivesTasks).map((entry) => entry.userId)).toEqual(['listed']);
    });
  });

  describe('setMember', () => {
    beforeEach(() => {
      t.manager.findOneBy.mockResolvedValue({ id: 'ann', role: 'annotator' } as UserEntity);
    });

    it.each([-1, 1.5, 1_000_001])('refuses a quota of %p before opening a transaction', async (quota) => {
      await expect(t.sut.setMember('cardio', 'ann', 'member', quota, LEAD)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'quota',
      });
      expect(t.dataSource.transaction).not.toHaveBeenCalled();
    });

    it('answers NOT_FOUND for an unknown user, and BAD_USER_INPUT for one who is not an annotator', async () => {
      t.manager.findOneBy.mockResolvedValueOnce(null);
      await expect(t.sut.setMember('cardio', 'nobody', 'member', null, LEAD)).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        field: 'userId',
      });
      t.manager.findOneBy.mockResolvedValueOnce({ id: 'lea', role: 'lead' } as UserEntity);
      await expect(t.sut.setMember('cardio', 'lea', 'member', null, LEAD)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'userId',
      });
      expect(t.manager.findOneBy).toHaveBeenCalledWith(UserEntity, { id: 'lea' });
      expect(repository.upsertMembership).not.toHaveBeenCalled();
    });

    it('returns a clinician to the default by deleting the membership, audited from what it was', async () => {
      repository.membership.mockResolvedValue({ status: 'removed', quota: null } as never);
      await t.sut.setMember('cardio', 'ann', null, null, LEAD);
      expect(repository.deleteMembership).toHaveBeenCalledWith(t.manager, 'p1', 'ann');
      expect(repository.upsertMembership).not.toHaveBeenCalled();
      expect(t.fake(AuditService).record).toHaveBeenCalledWith(
        expect.objectContaining({
          action: 'project.member',
          before: { status: 'removed', quota: null },
          after: { status: 'default', quota: null },
        }),
        t.manager,
      );
    });

    it('makes a quota alone a membership', async () => {
      repository.membership.mockResolvedValue(null);
      await t.sut.setMember('cardio', 'ann', null, 10, LEAD);
      expect(repository.upsertMembership).toHaveBeenCalledWith(t.manager, 'p1', 'ann', 'member', 10);
      expect(t.fake(AuditService).record).toHaveBeenCalledWith(
        expect.objectContaining({ before: { status: 'default', quota: null }, after: { status: 'member', quota: 10 } }),
        t.manager,
      );
    });
  });
});
