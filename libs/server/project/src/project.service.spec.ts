import { beforeEach, describe, expect, it } from '@jest/globals';
import { defaultMaxResponsesPerItem, ErrorCode, MAX_RANKING_RESPONSES } from '@clinrank/domain';
import { AuditService } from '@clinrank/server-audit';
import type { Actor, AuthenticatedUser } from '@clinrank/server-core';
import { newTestService, type TestService } from '@clinrank/server-core/testing';
import { GuidelineVersionEntity, ProjectEntity } from './project.entity.js';
import { ProjectRepository } from './project.repository.js';
import { ProjectService, type ProjectDefinition } from './project.service.js';

const LEAD: Actor = { kind: 'user', userId: '7b0f1b9e-0000-4000-8000-000000000001', username: 'lead', role: 'lead' };
const PROJECT_ID = '7b0f1b9e-0000-4000-8000-0000000000aa';

function stored(changes: Partial<ProjectEntity> = {}): ProjectEntity {
  return Object.assign(new ProjectEntity(), {
    id: PROJECT_ID,
    slug: 'cardio',
    name: 'Cardio',
    kind: 'pairwise',
    criteria: ['accuracy', 'safety'],
    scaleMin: 1,
    scaleMax: 5,
    overlap: 3,
    goldRate: 0,
    leaseSeconds: 1800,
    allowTies: false,
    maxResponsesPerItem: 2,
    requireRationale: false,
    languages: [],
    specialties: [],
    guidelineVersion: 4,
    locked: false,
    queueOrder: 'fixed',
    settings: {},
    ...changes,
  });
}

describe(ProjectService.name, () => {
  let t: TestService<ProjectService, ConstructorParameters<typeof ProjectService>>;
  let sut: ProjectService;

  beforeEach(() => {
    t = newTestService(ProjectService);
    sut = t.sut;
    t.manager.existsBy.mockResolvedValue(false);
    t.manager.save.mockImplementation(async (entity: unknown) => ({ ...(entity as object), id: PROJECT_ID }) as never);
  });

  describe('create', () => {
    const definition: ProjectDefinition = { slug: 'cardio', name: ' Cardio ', kind: 'pairwise' };

    it.each([
      [{ slug: 'Cardio Study' }, 'slug'],
      [{ name: '   ' }, 'name'],
      [{ criteria: [] }, 'criteria'],
      [{ criteria: ['accuracy', 'overall'] }, 'criteria'],
      [{ criteria: ['safety', 'safety'] }, 'criteria'],
      [{ criteria: ['Has Spaces'] }, 'criteria'],
      [{ overlap: 0 }, 'overlap'],
      [{ overlap: 51 }, 'overlap'],
      [{ goldRate: 1.5 }, 'goldRate'],
      [{ leaseSeconds: 29 }, 'leaseSeconds'],
      [{ scaleMin: 3, scaleMax: 3 }, 'scale'],
      [{ scaleMin: 0, scaleMax: 21 }, 'scale'],
      [{ maxResponsesPerItem: 1 }, 'maxResponsesPerItem'],
      [{ kind: 'ranking' as const, maxResponsesPerItem: MAX_RANKING_RESPONSES + 1 }, 'maxResponsesPerItem'],
      [{ minMedianSeconds: 3601 }, 'minMedianSeconds'],
    ])('refuses %j with BAD_USER_INPUT on %s, before any write', async (changes, field) => {
      await expect(sut.create({ ...definition, ...changes }, LEAD)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field,
      });
      expect(t.dataSource.transaction).not.toHaveBeenCalled();
    });

    it('refuses a slug that is taken with CONFLICT, saving nothing and auditing nothing', async () => {
      t.manager.existsBy.mockResolvedValue(true);
      await expect(sut.create(definition, LEAD)).rejects.toMatchObject({ code: ErrorCode.Conflict, field: 'slug' });
      expect(t.manager.existsBy).toHaveBeenCalledWith(ProjectEntity, { slug: 'cardio' });
      expect(t.manager.save).not.toHaveBeenCalled();
      expect(t.fake(AuditService).record).not.toHaveBeenCalled();
    });

    it('fills the defaults, stores guidelines version 1 and audits, all in one transaction', async () => {
      const project = await sut.create(definition, LEAD);
      expect(project).toMatchObject({
        id: PROJECT_ID,
        name: 'Cardio',
        criteria: ['accuracy', 'helpfulness', 'safety'],
        scaleMin: 1,
        scaleMax: 5,
        overlap: 3,
        leaseSeconds: 1800,
        maxResponsesPerItem: defaultMaxResponsesPerItem('pairwise'),
        guidelineVersion: 1,
        locked: false,
        settings: {},
      });
      expect(t.manager.insert).toHaveBeenCalledWith(
        GuidelineVersionEntity,
        expect.objectContaining({ projectId: PROJECT_ID, version: 1, createdBy: 'user:lead' }),
      );
      expect(t.fake(AuditService).record).toHaveBeenCalledWith(
        expect.objectContaining({ action: 'project.create', entityId: PROJECT_ID, projectId: PROJECT_ID }),
        t.manager,
      );
    });

    it('keeps a speed threshold in the settings', async () => {
      const project = await sut.create({ ...definition, minMedianSeconds: 12 }, LEAD);
      expect(project.settings).toEqual({ minMedianSeconds: 12 });
    });
  });

  describe('update', () => {
    beforeEach(() => {
      t.manager.findOne.mockResolvedValue(stored());
    });

    it('refuses to change the criteria of a project with labels (CONFLICT on criteria)', async () => {
      t.fake(ProjectRepository).hasLabels.mockResolvedValue(true);
      await expect(sut.update(PROJECT_ID, { criteria: ['accuracy'] }, LEAD)).rejects.toMatchObject({
        code: ErrorCode.Conflict,
        field: 'criteria',
      });
      expect(t.manager.save).not.toHaveBeenCalled();
    });

    it('lets a project with labels restate the same criteria', async () => {
      t.fake(ProjectRepository).hasLabels.mockResolvedValue(true);
      const saved = await sut.update(PROJECT_ID, { criteria: ['accuracy', 'safety'], overlap: 5 }, LEAD);
      expect(saved).toMatchObject({ criteria: ['accuracy', 'safety'], overlap: 5 });
    });

    it('changes the criteria of a project without labels', async () => {
      t.fake(ProjectRepository).hasLabels.mockResolvedValue(false);
      const saved = await sut.update(PROJECT_ID, { criteria: ['clarity'] }, LEAD);
      expect(saved.criteria).toEqual(['clarity']);
    });

    it('ignores undefined fields and merges the speed threshold into the other settings', async () => {
      t.manager.findOne.mockResolvedValue(stored({ settings: { membersOnly: true } }));
      const saved = await sut.update(PROJECT_ID, { name: undefined, minMedianSeconds: 30 }, LEAD);
      expect(saved).toMatchObject({ name: 'Cardio', settings: { membersOnly: true, minMedianSeconds: 30 } });
    });

    it('checks the merged settings: an overlap of 0 is BAD_USER_INPUT', async () => {
      await expect(sut.update(PROJECT_ID, { overlap: 0 }, LEAD)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'overlap',
      });
    });

    it('answers NOT_FOUND for an unknown project', async () => {
      t.manager.findOne.mockResolvedValue(null);
      await expect(sut.update(PROJECT_ID, { overlap: 2 }, LEAD)).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        field: 'id',
      });
    });
  });

  describe('guidelines', () => {
    it('stores new guidelines as the next version and returns the project at that version', async () => {
      t.manager.findOne.mockResolvedValue(stored({ guidelineVersion: 4 }));
      const project = await sut.updateGuidelines(PROJECT_ID, '# New', LEAD);
      expect(project.guidelineVersion).toBe(5);
      expect(t.manager.insert).toHaveBeenCalledWith(
        GuidelineVersionEntity,
        expect.objectContaining({ projectId: PROJECT_ID, version: 5, markdown: '# New' }),
      );
      expect(t.manager.update).toHaveBeenCalledWith(ProjectEntity, { id: PROJECT_ID }, { guidelineVersion: 5 });
    });

    it('refuses empty guidelines', async () => {
      await expect(sut.updateGuidelines(PROJECT_ID, ' \n', LEAD)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'markdown',
      });
    });

    const annotator: AuthenticatedUser = {
      userId: '7b0f1b9e-0000-4000-8000-000000000002',
      username: 'ann',
      role: 'annotator',
      languages: ['en'],
      specialties: [],
    };

    it('shows an annotator only the guidelines of a project the queue routes them to (FORBIDDEN otherwise)', async () => {
      t.fake(ProjectRepository).isRoutedTo.mockResolvedValue(false);
      await expect(sut.guidelinesFor(annotator, PROJECT_ID)).rejects.toMatchObject({ code: ErrorCode.Forbidden });
      expect(t.fake(ProjectRepository).isRoutedTo).toHaveBeenCalledWith(PROJECT_ID, annotator);
    });

    it('shows a lead any project’s guidelines without asking the routing', async () => {
      const latest = { projectId: PROJECT_ID, version: 4, markdown: '# G' } as GuidelineVersionEntity;
      t.repository(GuidelineVersionEntity).findOne.mockResolvedValue(latest);
      await expect(sut.guidelinesFor({ ...annotator, role: 'lead' }, PROJECT_ID)).resolves.toBe(latest);
      expect(t.fake(ProjectRepository).isRoutedTo).not.toHaveBeenCalled();
    });

    it('answers NOT_FOUND naming the version that does not exist', async () => {
      t.repository(GuidelineVersionEntity).findOneBy.mockResolvedValue(null);
      await expect(sut.guidelines(PROJECT_ID, 9)).rejects.toMatchObject({ code: ErrorCode.NotFound, field: 'version' });
    });
  });

  it('get answers NOT_FOUND naming the project when neither id nor slug matches', async () => {
    t.fake(ProjectRepository).findByIdOrSlug.mockResolvedValue(null);
    await expect(sut.get('nope')).rejects.toMatchObject({ code: ErrorCode.NotFound, field: 'project' });
  });
});
