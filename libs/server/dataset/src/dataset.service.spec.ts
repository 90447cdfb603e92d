import { beforeEach, describe, expect, it } from '@jest/globals';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { AuditService } from '@clinrank/server-audit';
import type { Actor } from '@clinrank/server-core';
import { newTestService, type Fake, type TestService } from '@clinrank/server-core/testing';
import { ProjectService, type ProjectEntity } from '@clinrank/server-project';
import { DatasetSnapshotRepository, type SnapshotRecord } from './dataset-snapshot.repository.js';
import { DatasetService } from './dataset.service.js';

const LEAD: Actor = { kind: 'user', userId: 'lead-id', username: 'lea', role: 'lead' };
const PROJECT_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const SNAPSHOT_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c33aa';
const PROJECT_REF = { id: PROJECT_ID, slug: 'cardio', scale_min: 0, scale_max: 10 };

function snapshot(changes: Partial<SnapshotRecord> = {}): SnapshotRecord {
  return {
    id: SNAPSHOT_ID,
    projectId: PROJECT_ID,
    name: null,
    status: 'ready',
    request: {},
    manifest: { files: [{ name: 'train.jsonl' }] },
    directory: '/nonexistent/snapshot',
    createdBy: null,
    createdAt: new Date(),
    ...changes,
  };
}

describe(DatasetService.name, () => {
  let t: TestService<DatasetService, ConstructorParameters<typeof DatasetService>>;
  let snapshots: Fake<DatasetSnapshotRepository>;

  beforeEach(() => {
    t = newTestService(DatasetService);
    snapshots = t.fake(DatasetSnapshotRepository);
  });

  describe('project', () => {
    it('refuses a projectId that is not a UUID without looking it up', async () => {
      await expect(t.sut.project({ projectId: 'cardio' })).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'projectId',
      });
      expect(t.fake(ProjectService).get).not.toHaveBeenCalled();
    });

    it('names the field the caller used when the project does not exist', async () => {
      t.fake(ProjectService).get.mockRejectedValue(new DomainError(ErrorCode.NotFound, 'No project', 'project'));
      await expect(t.sut.project({ projectId: PROJECT_ID })).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        field: 'projectId',
      });
      await expect(t.sut.project({ slug: 'cardio' })).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        field: 'project',
        message: 'No project "cardio"',
      });
    });

    it('passes other failures through unchanged', async () => {
      const outage = new DomainError(ErrorCode.Unavailable, 'database unavailable');
      t.fake(ProjectService).get.mockRejectedValue(outage);
      await expect(t.sut.project({ slug: 'cardio' })).rejects.toBe(outage);
    });

    it('hands out the id, slug and rating scale', async () => {
      t.fake(ProjectService).get.mockResolvedValue({
        id: PROJECT_ID,
        slug: 'cardio',
        scaleMin: 1,
        scaleMax: 7,
      } as ProjectEntity);
      await expect(t.sut.project({ slug: 'cardio' })).resolves.toEqual({
        id: PROJECT_ID,
        slug: 'cardio',
        scale_min: 1,
        scale_max: 7,
      });
    });
  });

  describe('buildRequest', () => {
    it('refuses a request that is not an object of options', () => {
      for (const raw of [null, 'trl', ['trl']])
        expect(() => t.sut.buildRequest(PROJECT_REF, raw)).toThrow(
          expect.objectContaining({ code: ErrorCode.BadUserInput, field: 'request' }),
        );
    });

    it('takes the project’s rating scale unless the request names one', () => {
      expect(t.sut.buildRequest(PROJECT_REF, {}).scale).toEqual({ min: 0, max: 10 });
      expect(t.sut.buildRequest(PROJECT_REF, { scale: '1-5' }).scale).toEqual({ min: 1, max: 5 });
    });

    it('allows gold-accuracy weights only for Bradley–Terry without explicit weights', () => {
      const weighted = { weightByGoldAccuracy: true };
      expect(() => t.sut.buildRequest(PROJECT_REF, { policy: 'majority' }, weighted)).toThrow(
        expect.objectContaining({ code: ErrorCode.BadUserInput, field: 'weightByGoldAccuracy' }),
      );
      expect(() =>
        t.sut.buildRequest(PROJECT_REF, { policy: 'bradley-terry', annotatorWeights: { ann: 2 } }, weighted),
      ).toThrow(/contradicts explicit annotatorWeights/);
      expect(t.sut.buildRequest(PROJECT_REF, { policy: 'bradley-terry' }, weighted).policy).toBe('bradley-terry');
    });
  });

  describe('snapshots', () => {
    it('lists only by a UUID', async () => {
      await expect(t.sut.list('cardio')).rejects.toMatchObject({ code: ErrorCode.BadUserInput, field: 'projectId' });
      expect(snapshots.listByProject).not.toHaveBeenCalled();
    });

    it('answers NOT_FOUND for an id that is not a UUID without querying, and for a missing snapshot', async () => {
      await expect(t.sut.get('latest')).rejects.toMatchObject({ code: ErrorCode.NotFound, field: 'id' });
      expect(snapshots.findById).not.toHaveBeenCalled();
      snapshots.findById.mockResolvedValue(null);
      await expect(t.sut.get(SNAPSHOT_ID)).rejects.toMatchObject({ code: ErrorCode.NotFound, field: 'id' });
    });

    it('downloads nothing from a failed snapshot', async () => {
      snapshots.findById.mockResolvedValue(snapshot({ status: 'failed' }));
      await expect(t.sut.openDownload(SNAPSHOT_ID, 'manifest.json', LEAD)).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        field: 'id',
      });
    });

    it('downloads only files the manifest names, and audits nothing it refused', async () => {
      snapshots.findById.mockResolvedValue(snapshot());
      for (const name of ['../../etc/passwd', 'test.jsonl', 'request.json'])
        await expect(t.sut.openDownload(SNAPSHOT_ID, name, LEAD)).rejects.toMatchObject({
          code: ErrorCode.NotFound,
          field: 'name',
        });
      expect(t.fake(AuditService).record).not.toHaveBeenCalled();
    });
  });
});
