import { beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, type LabelContent } from '@clinrank/domain';
import { AuditService } from '@clinrank/server-audit';
import type { Actor } from '@clinrank/server-core';
import { newTestService, type Fake, type TestService } from '@clinrank/server-core/testing';
import { ProjectService, type ProjectEntity } from '@clinrank/server-project';
import { ReviewRepository, type LabelledItemRow, type ReviewItemRow } from './review.repository.js';
import { ReviewService } from './review.service.js';

const LEAD: Actor = { kind: 'user', userId: 'lead-id', username: 'lea', role: 'lead' };
const PROJECT = {
  id: 'project-id',
  kind: 'pairwise',
  criteria: ['accuracy'],
  scaleMin: 1,
  scaleMax: 5,
  allowTies: false,
} as ProjectEntity;
const ITEM: ReviewItemRow = {
  id: 'item-id',
  external_id: 'q-1',
  project_id: PROJECT.id,
  language: 'en',
  specialty: 'cardiology',
  prompt: 'Is this safe?',
  messages: null,
  reference: null,
  is_gold: false,
  gold: null,
};

function pairwise(a: string, b: string, overall: 'a' | 'b' | 'tie', accuracy = overall): LabelContent {
  return { kind: 'pairwise', a, b, judgements: { overall: { choice: overall }, accuracy: { choice: accuracy } } };
}

describe(ReviewService.name, () => {
  let t: TestService<ReviewService, ConstructorParameters<typeof ReviewService>>;
  let repository: Fake<ReviewRepository>;

  beforeEach(() => {
    t = newTestService(ReviewService);
    repository = t.fake(ReviewRepository);
    t.fake(ProjectService).get.mockResolvedValue(PROJECT);
    repository.itemProjectId.mockResolvedValue(PROJECT.id);
    repository.responseIds.mockResolvedValue(['r1', 'r2']);
    repository.item.mockResolvedValue(ITEM);
    repository.responses.mockResolvedValue([]);
    repository.labels.mockResolvedValue([]);
    repository.adjudication.mockResolvedValue(null);
  });

  describe('adjudicate', () => {
    const content = { a: 'r2', b: 'r1', judgements: { overall: { choice: 'b' }, accuracy: { choice: 'a' } } };

    it('answers NOT_FOUND on itemId for an unknown item, before reading the project', async () => {
      repository.itemProjectId.mockResolvedValue(null);
      await expect(t.sut.adjudicate('lead-id', 'nope', content, null, LEAD)).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        field: 'itemId',
      });
      expect(t.fake(ProjectService).get).not.toHaveBeenCalled();
    });

    it('refuses a pairwise verdict on responses that are not the item’s (BAD_USER_INPUT on content)', async () => {
      await expect(
        t.sut.adjudicate('lead-id', ITEM.id, { ...content, b: 'someone-elses' }, null, LEAD),
      ).rejects.toMatchObject({ code: ErrorCode.BadUserInput, field: 'content' });
      expect(t.dataSource.transaction).not.toHaveBeenCalled();
    });

    it('validates the verdict like any label: a missing criterion is BAD_USER_INPUT', async () => {
      const partial = { a: 'r1', b: 'r2', judgements: { overall: { choice: 'a' } } };
      await expect(t.sut.adjudicate('lead-id', ITEM.id, partial, null, LEAD)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'judgements',
      });
      expect(repository.upsertAdjudication).not.toHaveBeenCalled();
    });

    it('stores the normalised verdict in the shown order and audits the one it replaced', async () => {
      const previous = { content: pairwise('r1', 'r2', 'a'), rationale: 'first look' };
      repository.lockAdjudication.mockResolvedValue(previous as never);
      const review = await t.sut.adjudicate('lead-id', ITEM.id, content, 'B is safer', LEAD);
      const stored: LabelContent = {
        kind: 'pairwise',
        a: 'r2',
        b: 'r1',
        judgements: { accuracy: { choice: 'a', strength: null }, overall: { choice: 'b', strength: null } },
      };
      expect(repository.upsertAdjudication).toHaveBeenCalledWith(t.manager, {
        projectId: PROJECT.id,
        itemId: ITEM.id,
        leadId: 'lead-id',
        content: stored,
        rationale: 'B is safer',
      });
      expect(t.fake(AuditService).record).toHaveBeenCalledWith(
        expect.objectContaining({
          action: 'item.adjudicate',
          entityId: ITEM.id,
          projectId: PROJECT.id,
          before: previous,
          after: { content: stored, rationale: 'B is safer' },
        }),
        t.manager,
      );
      expect(review).toMatchObject({ itemId: ITEM.id, externalId: 'q-1', projectId: PROJECT.id });
    });
  });

  describe('disagreements', () => {
    const responses = [
      { id: 'r1', text: 'Rest and fluids are enough for most people' },
      { id: 'r2', text: 'Go to the emergency room' },
    ];
    const row = (id: string, contents: LabelContent[], adjudicated = false): LabelledItemRow => ({
      id,
      external_id: `q-${id}`,
      language: 'en',
      specialty: 'cardiology',
      contents,
      adjudicated,
      responses,
    });

    beforeEach(() => {
      repository.itemsWithTwoOrMoreLabels.mockResolvedValue([
        row('agree', [pairwise('r1', 'r2', 'a'), pairwise('r2', 'r1', 'b')]),
        row('b', [pairwise('r1', 'r2', 'a'), pairwise('r1', 'r2', 'b'), pairwise('r1', 'r2', 'a')], true),
        row('a', [pairwise('r1', 'r2', 'a'), pairwise('r1', 'r2', 'b')]),
        row('split', [pairwise('r1', 'r2', 'a', 'b'), pairwise('r1', 'r2', 'a', 'a')]),
      ]);
    });

    it('lists only items whose labels disagree, least agreement first, ties by external id', async () => {
      const { rows, total } = await t.sut.disagreements(PROJECT.id);
      expect(total).toBe(2);
      expect(rows.map((entry) => [entry.externalId, entry.agreement])).toEqual([
        ['q-a', 0.5],
        ['q-b', 2 / 3],
      ]);
      expect(rows[1]).toMatchObject({ labels: 3, majority: 'r1', majorityLabel: 'A', adjudicated: true });
      expect(rows[1].majorityExcerpt).toBe('Rest and fluids are enough for most people');
    });

    it('reads the criterion asked for, and pages after counting', async () => {
      const { rows, total } = await t.sut.disagreements(PROJECT.id, 'accuracy', 1, 1);
      expect(total).toBe(3);
      expect(rows.map((entry) => entry.externalId)).toEqual(['q-split']);
    });
  });

  it('scores gold accuracy per annotator, sorted by username', async () => {
    const gold = { criterion: 'overall', preferred: 'r1' };
    repository.goldLabels.mockResolvedValue([
      { annotator_id: 'u2', username: 'zoe', content: pairwise('r1', 'r2', 'a'), gold },
      { annotator_id: 'u1', username: 'abe', content: pairwise('r1', 'r2', 'b'), gold },
      { annotator_id: 'u2', username: 'zoe', content: pairwise('r2', 'r1', 'b'), gold },
      { annotator_id: 'u1', username: 'abe', content: pairwise('r2', 'r1', 'b'), gold },
    ]);
    await expect(t.sut.goldAccuracy(PROJECT.id)).resolves.toEqual([
      { annotatorId: 'u1', username: 'abe', goldLabels: 2, correct: 1, accuracy: 0.5 },
      { annotatorId: 'u2', username: 'zoe', goldLabels: 2, correct: 2, accuracy: 1 },
    ]);
  });
});
