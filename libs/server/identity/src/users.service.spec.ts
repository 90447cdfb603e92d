import { beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, type Role } from '@clinrank/domain';
import { AuditService } from '@clinrank/server-audit';
import { APP_CONFIG, type Actor } from '@clinrank/server-core';
import { newTestService, testConfig, type TestService } from '@clinrank/server-core/testing';
import { UserEntity } from './user.entity.js';
import { UserRepository } from './user.repository.js';
import { UsersService, type NewUser } from './users.service.js';

const ADMIN: Actor = { kind: 'user', userId: 'a0000000-0000-4000-8000-000000000001', username: 'root', role: 'admin' };
const LEAD: Actor = { kind: 'user', userId: 'a0000000-0000-4000-8000-000000000002', username: 'lea', role: 'lead' };
const USER_ID = 'a0000000-0000-4000-8000-0000000000aa';

function user(changes: Partial<UserEntity> = {}): UserEntity {
  return Object.assign(new UserEntity(), {
    id: USER_ID,
    username: 'ada',
    displayName: 'Ada',
    role: 'admin' as Role,
    kind: 'human',
    passwordHash: 'scrypt$secret',
    languages: [],
    specialties: [],
    active: true,
    isDemo: false,
    ...changes,
  });
}

describe(UsersService.name, () => {
  let t: TestService<UsersService, ConstructorParameters<typeof UsersService>>;

  beforeEach(() => {
    t = newTestService(UsersService);
  });

  describe('create', () => {
    const external: NewUser = { username: 'assessor-1', displayName: '  ', role: 'annotator', password: null };

    beforeEach(() => {
      t.fake(UserRepository).usernameTaken.mockResolvedValue(false);
      t.manager.create.mockImplementation(((_entity: unknown, fields: object) => ({ ...fields })) as never);
      t.manager.save.mockImplementation(async (entity: unknown) => ({ ...(entity as object), id: USER_ID }) as never);
      t.manager.findOneByOrFail.mockResolvedValue(user({ username: 'assessor-1', role: 'annotator' }));
    });

    it('refuses demo accounts in production (FORBIDDEN), before anything is written', async () => {
      t = newTestService(UsersService, { provide: [[APP_CONFIG, testConfig({ nodeEnv: 'production' })]] });
      await expect(t.sut.create({ ...external, isDemo: true, password: 'demo' }, ADMIN)).rejects.toMatchObject({
        code: ErrorCode.Forbidden,
      });
      expect(t.dataSource.transaction).not.toHaveBeenCalled();
    });

    it('lets only an admin create an admin', async () => {
      await expect(t.sut.create({ ...external, role: 'admin' }, LEAD)).rejects.toMatchObject({
        code: ErrorCode.Forbidden,
        field: 'role',
      });
      await expect(t.sut.create({ ...external, role: 'admin' }, ADMIN)).resolves.toBeDefined();
    });

    it('refuses a weak password with BAD_USER_INPUT on password', async () => {
      await expect(t.sut.create({ ...external, password: 'short' }, ADMIN)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'password',
      });
      await expect(t.sut.create({ ...external, role: 'lead', password: 'password123' }, ADMIN)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'password',
      });
      expect(t.dataSource.transaction).not.toHaveBeenCalled();
    });

    it('refuses a taken username with CONFLICT and saves nothing', async () => {
      t.fake(UserRepository).usernameTaken.mockResolvedValue(true);
      await expect(t.sut.create(external, ADMIN)).rejects.toMatchObject({
        code: ErrorCode.Conflict,
        field: 'username',
      });
      expect(t.manager.save).not.toHaveBeenCalled();
    });

    it('names the account by its username when the display name is blank, and audits it without the hash', async () => {
      await t.sut.create(external, ADMIN);
      expect(t.manager.create).toHaveBeenCalledWith(
        UserEntity,
        expect.objectContaining({
          username: 'assessor-1',
          displayName: 'assessor-1',
          kind: 'human',
          passwordHash: null,
          active: true,
          isDemo: false,
        }),
      );
      const [entry, manager] = t.fake(AuditService).record.mock.calls[0];
      expect(manager).toBe(t.manager);
      expect(entry).toMatchObject({ action: 'user.create', entityId: USER_ID });
      expect(entry.after).not.toHaveProperty('passwordHash');
    });
  });

  describe('update', () => {
    beforeEach(() => {
      t.manager.findOne.mockResolvedValue(user());
      t.manager.findOneByOrFail.mockResolvedValue(user({ role: 'lead' }));
    });

    it.each([
      [{ role: 'lead' as Role }, 'role'],
      [{ active: false }, 'active'],
    ])('refuses %j for the last active admin with CONFLICT on %s', async (changes, field) => {
      t.fake(UserRepository).lockActiveAdmins.mockResolvedValue([{ id: USER_ID }]);
      await expect(t.sut.update(USER_ID, changes, ADMIN)).rejects.toMatchObject({ code: ErrorCode.Conflict, field });
      expect(t.manager.update).not.toHaveBeenCalled();
    });

    it('demotes an admin while another stays, and ends the demoted one’s sessions', async () => {
      t.fake(UserRepository).lockActiveAdmins.mockResolvedValue([{ id: USER_ID }, { id: 'other' }]);
      await expect(t.sut.update(USER_ID, { role: 'lead' }, ADMIN)).resolves.toMatchObject({ role: 'lead' });
      expect(t.manager.update).toHaveBeenCalledWith(UserEntity, { id: USER_ID }, { role: 'lead' });
      expect(t.fake(UserRepository).revokeTokens).toHaveBeenCalledWith(t.manager, USER_ID);
    });

    it('keeps sessions when only the display name changes, and writes no undefined field', async () => {
      t.fake(UserRepository).lockActiveAdmins.mockResolvedValue([{ id: USER_ID }]);
      await t.sut.update(USER_ID, { displayName: 'Ada L.', role: undefined }, ADMIN);
      expect(t.manager.update).toHaveBeenCalledWith(UserEntity, { id: USER_ID }, { displayName: 'Ada L.' });
      expect(t.fake(UserRepository).revokeTokens).not.toHaveBeenCalled();
    });

    it('lets only an admin promote to admin', async () => {
      await expect(t.sut.update(USER_ID, { role: 'admin' }, LEAD)).rejects.toMatchObject({
        code: ErrorCode.Forbidden,
        field: 'role',
      });
      expect(t.dataSource.transaction).not.toHaveBeenCalled();
    });

    it('answers NOT_FOUND for an unknown user', async () => {
      t.fake(UserRepository).lockActiveAdmins.mockResolvedValue([]);
      t.manager.findOne.mockResolvedValue(null);
      await expect(t.sut.update(USER_ID, { active: false }, ADMIN)).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        field: 'id',
      });
    });
  });

  it('refuses a password for an account that cannot sign in', async () => {
    t.repository(UserEntity).findOneBy.mockResolvedValue(user({ kind: 'judge', username: 'judge:gpt' }));
    await expect(t.sut.resetPassword(USER_ID, 'a long enough passphrase', ADMIN)).rejects.toMatchObject({
      code: ErrorCode.BadUserInput,
      field: 'id',
    });
    expect(t.dataSource.transaction).not.toHaveBeenCalled();
  });

  describe('ensureExternalAnnotator', () => {
    it('returns the existing annotator without writing or auditing', async () => {
      t.fake(UserRepository).idByUsername.mockResolvedValue('existing-id');
      await expect(t.sut.ensureExternalAnnotator('assessor-1', 'external', ADMIN)).resolves.toBe('existing-id');
      expect(t.fake(UserRepository).idByUsername).toHaveBeenCalledWith(t.manager, 'ext:assessor-1');
      expect(t.fake(UserRepository).insertExternalAnnotator).not.toHaveBeenCalled();
      expect(t.fake(AuditService).record).not.toHaveBeenCalled();
    });

    it('creates a judge under the judge: prefix and audits it', async () => {
      t.fake(UserRepository).idByUsername.mockResolvedValue(null);
      t.fake(UserRepository).insertExternalAnnotator.mockResolvedValue('new-id');
      await expect(t.sut.ensureExternalAnnotator('gpt', 'judge', ADMIN)).resolves.toBe('new-id');
      expect(t.fake(UserRepository).insertExternalAnnotator).toHaveBeenCalledWith(
        t.manager,
        'judge:gpt',
        'gpt',
        'judge',
      );
      expect(t.fake(AuditService).record).toHaveBeenCalledWith(
        expect.objectContaining({ action: 'user.create_external', entityId: 'new-id' }),
        t.manager,
      );
    });
  });
});
