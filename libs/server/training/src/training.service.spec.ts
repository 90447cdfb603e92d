import { beforeEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@clinrank/domain';
import { AuditService } from '@clinrank/server-audit';
import type { Actor } from '@clinrank/server-core';
import { newTestService, type Fake, type TestService } from '@clinrank/server-core/testing';
import { DatasetSnapshotRepository, type SnapshotRecord } from '@clinrank/server-dataset';
import { TrainingRunRepository, type TrainingRunRow } from './training-run.repository.js';
import { TrainingService } from './training.service.js';

const LEAD: Actor = { kind: 'user', userId: 'lead-id', username: 'lea', role: 'lead' };

function runRow(changes: Partial<TrainingRunRow> = {}): TrainingRunRow {
  return {
    id: 'run-id',
    kind: 'reward_model',
    status: 'succeeded',
    project_id: 'project-id',
    snapshot_id: 'snapshot-id',
    parent_run_id: null,
    config: { kind: 'reward_model', gpus: 0, nodes: 1, options: {} },
    gpus: 0,
    attempts: 1,
    max_attempts: 3,
    node_name: 'gpu-1',
    assigned_gpus: null,
    heartbeat_seconds: 10,
    lease_seconds: 30,
    heartbeat_deadline: null,
    heartbeat_at: null,
    exit_code: null,
    error: null,
    summary: null,
    queue_name: 'training',
    queue_job_id: 'job-1',
    created_at: new Date('2026-01-01T00:00:00Z'),
    claimed_at: null,
    started_at: null,
    finished_at: null,
    ...changes,
  };
}

function snapshot(changes: Partial<SnapshotRecord> = {}): SnapshotRecord {
  return {
    id: 'snapshot-id',
    projectId: 'project-id',
    name: null,
    status: 'ready',
    request: {},
    manifest: { counts: { splits: { train: { records: 80 }, validation: { records: 10 }, test: { records: 10 } } } },
    directory: '/snapshots/s',
    createdBy: null,
    createdAt: new Date(),
    ...changes,
  };
}

describe(TrainingService.name, () => {
  let t: TestService<TrainingService, ConstructorParameters<typeof TrainingService>>;
  let runs: Fake<TrainingRunRepository>;

  beforeEach(() => {
    t = newTestService(TrainingService);
    runs = t.fake(TrainingRunRepository);
  });

  describe('starting a reward model', () => {
    it('answers NOT_FOUND on snapshotId for an unknown snapshot', async () => {
      t.fake(DatasetSnapshotRepository).findById.mockResolvedValue(null);
      await expect(t.sut.startRewardModelRun('nope', {}, LEAD)).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        field: 'snapshotId',
      });
    });

    it('refuses a failed snapshot, and one without validation records, before queueing anything', async () => {
      t.fake(DatasetSnapshotRepository).findById.mockResolvedValue(snapshot({ status: 'failed' }));
      await expect(t.sut.startRewardModelRun('snapshot-id', {}, LEAD)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'snapshotId',
      });
      t.fake(DatasetSnapshotRepository).findById.mockResolvedValue(
        snapshot({ manifest: { counts: { splits: { train: { records: 90 }, test: { records: 10 } } } } }),
      );
      await expect(t.sut.startRewardModelRun('snapshot-id', {}, LEAD)).rejects.toThrow(/no validation records/);
      expect(t.dataSource.transaction).not.toHaveBeenCalled();
      expect(runs.insert).not.toHaveBeenCalled();
    });
  });

  describe('starting from a reward model (PPO, evaluation)', () => {
    it('answers NOT_FOUND on rewardModelRunId for an unknown run', async () => {
      runs.findById.mockResolvedValue(null);
      await expect(t.sut.startPpoRun('nope', {}, LEAD)).rejects.toMatchObject({
        code: ErrorCode.NotFound,
        field: 'rewardModelRunId',
      });
    });

    it.each([
      [{ kind: 'bertscore' }, /is a bertscore run, not a reward model/],
      [{ status: 'running' }, /is running; PPO needs a succeeded one/],
    ])('refuses a parent run with %j (BAD_USER_INPUT on rewardModelRunId)', async (changes, message) => {
      runs.findById.mockResolvedValue(runRow(changes));
      const refusal = t.sut.startEvaluationRun('run-id', {}, LEAD);
      await expect(refusal).rejects.toMatchObject({ code: ErrorCode.BadUserInput, field: 'rewardModelRunId' });
      await expect(refusal).rejects.toThrow(message);
      expect(runs.insert).not.toHaveBeenCalled();
    });

    it.each([0, 11, 2.5])('refuses maxAttempts %p before writing the run', async (maxAttempts) => {
      runs.findById.mockResolvedValue(runRow());
      await expect(t.sut.startPpoRun('run-id', { maxAttempts }, LEAD)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'maxAttempts',
      });
      expect(runs.insert).not.toHaveBeenCalled();
      expect(t.fake(AuditService).record).not.toHaveBeenCalled();
    });

    it('refuses a BERTScore run without its input file', async () => {
      await expect(t.sut.startBertScoreRun('project-id', { options: {} }, LEAD)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
      });
      expect(runs.insert).not.toHaveBeenCalled();
    });
  });

  describe('cancelRun', () => {
    it('answers NOT_FOUND on runId for an unknown run', async () => {
      runs.lock.mockResolvedValue(null);
      await expect(t.sut.cancelRun('nope', LEAD)).rejects.toMatchObject({ code: ErrorCode.NotFound, field: 'runId' });
    });

    it.each(['succeeded', 'failed', 'cancelled'])('refuses to cancel a %s run', async (status) => {
      runs.lock.mockResolvedValue(runRow({ status }));
      await expect(t.sut.cancelRun('run-id', LEAD)).rejects.toMatchObject({
        code: ErrorCode.BadUserInput,
        field: 'runId',
      });
      expect(runs.cancel).not.toHaveBeenCalled();
    });

    it('cancels a running run in the locking transaction, audited with the status it had', async () => {
      const running = runRow({ status: 'running' });
      runs.lock.mockResolvedValue(running);
      runs.cancel.mockResolvedValue(runRow({ status: 'cancelled' }));
      await expect(t.sut.cancelRun('run-id', LEAD)).resolves.toMatchObject({ id: 'run-id', status: 'cancelled' });
      expect(runs.cancel).toHaveBeenCalledWith(t.manager, running, 'lead-id');
      expect(t.fake(AuditService).record).toHaveBeenCalledWith(
        expect.objectContaining({
          action: 'training.cancel',
          before: { status: 'running' },
          after: { status: 'cancelled' },
        }),
        t.manager,
      );
    });
  });

  describe('attempts and metrics', () => {
    it('splits metric series into the latest attempt and the earlier ones, as numbers', async () => {
      runs.metricSeries.mockResolvedValue([
        { name: 'loss', attempt: 1, steps: ['1', '2'] as never, values: ['0.9', null] as never },
        { name: 'loss', attempt: 2, steps: [1], values: [0.5] },
        { name: 'accuracy', attempt: 2, steps: [1], values: [0.75] },
      ]);
      const { current, earlier } = await t.sut.metricSeries('run-id', null, true);
      expect(current.map((series) => series.name)).toEqual(['loss', 'accuracy']);
      expect(earlier).toEqual([{ name: 'loss', attempt: 1, steps: [1, 2], values: [0.9, null] }]);
    });

    it('answers NOT_FOUND on runId for the attempts of an unknown run', async () => {
      runs.findById.mockResolvedValue(null);
      await expect(t.sut.attempts('nope')).rejects.toMatchObject({ code: ErrorCode.NotFound, field: 'runId' });
      expect(runs.attempts).not.toHaveBeenCalled();
    });

    it.each([
      [0, 1],
      [50, 50],
      [1_000_000, 1000],
    ])('asks for a log tail of %p lines as %p', async (asked, limit) => {
      runs.logTail.mockResolvedValue([]);
      await t.sut.logTail('run-id', asked);
      expect(runs.logTail).toHaveBeenCalledWith('run-id', limit);
    });
  });
});
