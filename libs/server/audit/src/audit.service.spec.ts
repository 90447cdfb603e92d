import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Actor } from '@clinrank/server-core';
import { newTestService, type Fake, type TestService } from '@clinrank/server-core/testing';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditRepository, type NamedObjectType } from './audit.repository.js';
import { AuditService } from './audit.service.js';

const ADMIN: Actor = { kind: 'user', userId: 'u-admin', username: 'root', role: 'admin' };
const CLI: Actor = { kind: 'cli', osUser: 'ops' };

function entry(changes: Partial<AuditEntryEntity>): AuditEntryEntity {
  return Object.assign(new AuditEntryEntity(), {
    id: '1',
    at: new Date('2026-03-01T12:00:00.000Z'),
    actor: 'user:root',
    actorUserId: 'u-admin',
    action: 'project.update',
    entityType: 'project',
    entityId: 'p1',
    projectId: 'p1',
    before: null,
    after: null,
    details: null,
    ...changes,
  });
}

const NAMES: Partial<Record<NamedObjectType, Record<string, string>>> = {
  user: { 'u-admin': 'Root (root)' },
  project: { p1: 'Cardio' },
  item: { i1: 'q-17' },
};

describe(AuditService.name, () => {
  let t: TestService<AuditService, ConstructorParameters<typeof AuditService>>;
  let repository: Fake<AuditRepository>;

  beforeEach(() => {
    t = newTestService(AuditService);
    repository = t.fake(AuditRepository);
    repository.namesOf.mockImplementation(async (type, ids) =>
      ids.filter((id) => NAMES[type]?.[id]).map((id) => ({ id, name: NAMES[type]![id] })),
    );
  });

  it('records who acted, with nulls for what the entry leaves out, in the caller’s transaction', async () => {
    await t.sut.record({ actor: CLI, action: 'items.import', entityType: 'project', projectId: 'p1' }, t.manager);
    expect(repository.insert).toHaveBeenCalledWith(
      {
        actor: 'cli:ops',
        actorUserId: null,
        action: 'items.import',
        entityType: 'project',
        entityId: null,
        projectId: 'p1',
        before: null,
        after: null,
        details: null,
      },
      t.manager,
    );
  });

  it('names actors, projects and objects, and asks only for the types present', async () => {
    repository.page.mockResolvedValue({
      entries: [
        entry({ before: { overlap: 3 }, after: { overlap: 5 } }),
        entry({ action: 'item.adjudicate', entityType: 'item', entityId: 'i1', actorUserId: null, actor: 'cli:ops' }),
        entry({ entityType: 'item', entityId: 'gone', projectId: null }),
      ],
      total: 3,
    });
    const { entries, total } = await t.sut.readable({ limit: 10, offset: 0 });
    expect(total).toBe(3);
    expect(entries.map(({ actorName, entityName, projectName }) => [actorName, entityName, projectName])).toEqual([
      ['Root (root)', 'Cardio', 'Cardio'],
      [null, 'q-17', 'Cardio'],
      ['Root (root)', null, null],
    ]);
    expect(entries[0].summary).toBe('overlap: 3 → 5');
    const asked = repository.namesOf.mock.calls.map(([type, ids]) => [type, [...ids].sort()]);
    expect(asked).toEqual(
      expect.arrayContaining([
        ['user', ['u-admin']],
        ['project', ['p1']],
        ['item', ['gone', 'i1']],
      ]),
    );
    expect(asked.map(([type]) => type)).not.toContain('label');
  });

  it('exports CSV with a header, CRLF lines and neutralised formulas, and audits the export itself', async () => {
    repository.page.mockResolvedValue({
      entries: [entry({ entityType: 'label', entityId: '=HYPERLINK("x")', projectId: null })],
      total: 60_000,
    });
    const result = await t.sut.csv({ action: 'project.update' }, ADMIN);
    const lines = result.csv.split('\r\n');
    expect(lines[0]).toBe('at,actor,actor_name,action,object_type,object_id,object_name,project,summary');
    expect(lines[1]).toBe(
      `2026-03-01T12:00:00.000Z,user:root,Root (root),project.update,label,"'=HYPERLINK(""x"")",,,`,
    );
    expect(lines[2]).toBe('');
    expect(result).toMatchObject({ rows: 1, total: 60_000, truncated: true });
    expect(repository.page).toHaveBeenCalledWith({ action: 'project.update', limit: 50_000, offset: 0 });
    expect(repository.insert).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'audit.export',
        actorUserId: 'u-admin',
        details: { filters: { action: 'project.update' }, rows: 1, total: 60_000 },
      }),
      undefined,
    );
  });
});
