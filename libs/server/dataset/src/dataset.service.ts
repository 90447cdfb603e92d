import { Inject, Injectable } from '@nestjs/common';
import { goldAccuracyWeights, NO_GOLD_WEIGHT } from '@clinrank/agreement';
import { DomainError, ErrorCode, isUuid } from '@clinrank/domain';
import {
  directorySink,
  exportSnapshot,
  fitPairPosteriors,
  parseExportRequest,
  previewSink,
  requestToJson,
  StreamingPairwiseAlpha,
  toExportItem,
  writeSnapshotFiles,
  type PreviewRecord,
  type DatasetManifest,
  type ExportItem,
  type ExportRequest,
  type ExportSink,
  type ExportStats,
} from '@clinrank/preference-export';
import { randomUUID } from 'node:crypto';
import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type QueryRunner } from 'typeorm';
import { type Actor, describeActor, APP_CONFIG, type AppConfig } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { ProjectService } from '@clinrank/server-project';
import { codeVersion } from './code-version.js';
import { DatasetSnapshotRepository } from './dataset-snapshot.repository.js';
import { ExportItemsRepository } from './export-items.repository.js';
import { downloadableFiles, pendingSnapshotDir } from './snapshot-files.js';

export interface ExportOptions {
  name?: string | null;
  /** Bradley–Terry: weight each annotator's votes by their smoothed gold accuracy. */
  weightByGoldAccuracy?: boolean;
  /** Called after each item read: items done so far and the project's item count (awaited when it returns a promise). */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /**
   * Read through a server-side cursor with this many rows per FETCH. By default the rows stream through COPY instead,
   * which lets PostgreSQL build them with parallel workers (several times faster on large projects).
   */
  batchSize?: number;
  /**
   * Places copies of the finished snapshot (the CLI's --out) before anything is registered. If it throws, the
   * snapshot folder is removed and nothing is registered or audited: the error is the whole outcome.
   */
  beforeRegister?: (directory: string) => void | Promise<void>;
}

export interface SnapshotRow {
  id: string;
  projectId: string | null;
  name: string | null;
  status: 'ready' | 'failed';
  request: Record<string, unknown>;
  manifest: DatasetManifest | Record<string, unknown>;
  directory: string;
  createdBy: string | null;
  createdAt: Date;
}

export interface PreviewResult {
  records: PreviewRecord[];
  stats: ExportStats;
  request: Record<string, unknown>;
}

interface ProjectRef {
  id: string;
  slug: string;
  scale_min: number;
  scale_max: number;
}

const PREVIEW_RECORDS = 10;

/**
 * Preference-dataset exports of a project: streams its items with all their labels from one REPEATABLE READ snapshot
 * of the database through a server-side cursor into @clinrank/preference-export, and keeps each result as an
 * immutable snapshot folder registered in dataset_snapshots.
 */
@Injectable()
export class DatasetService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ProjectService) private readonly projects: ProjectService,
    @Inject(DatasetSnapshotRepository) private readonly snapshots: DatasetSnapshotRepository,
    @Inject(ExportItemsRepository) private readonly exportItems: ExportItemsRepository,
  ) {}

  /** Looks a project up by id or slug. */
  async project(ref: { projectId?: string | null; slug?: string | null }): Promise<ProjectRef> {
    const byId = ref.projectId != null;
    if (byId && !isUuid(ref.projectId!))
      throw new DomainError(ErrorCode.BadUserInput, `projectId must be a UUID, got "${ref.projectId}"`, 'projectId');
    const project = await this.projects.get((byId ? ref.projectId : ref.slug)!).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound)
        throw new DomainError(
          ErrorCode.NotFound,
          `No project ${byId ? ref.projectId : `"${ref.slug}"`}`,
          byId ? 'projectId' : 'project',
        );
      throw error;
    });
    return { id: project.id, slug: project.slug, scale_min: project.scaleMin, scale_max: project.scaleMax };
  }

  /** Validates a raw request against a project; the rating scale defaults to the project's. Bad options throw BAD_USER_INPUT naming them. */
  buildRequest(
    project: ProjectRef,
    raw: unknown,
    options: Pick<ExportOptions, 'weightByGoldAccuracy'> = {},
  ): ExportRequest {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw new DomainError(ErrorCode.BadUserInput, 'request must be an object of export options', 'request');
    const withScale = 'scale' in raw ? raw : { ...raw, scale: `${project.scale_min}-${project.scale_max}` };
    const request = parseExportRequest(withScale);
    if (options.weightByGoldAccuracy) {
      if (request.policy !== 'bradley-terry')
        throw new DomainError(
          ErrorCode.BadUserInput,
          `weightByGoldAccuracy only applies to policy bradley-terry, not ${request.policy}`,
          'weightByGoldAccuracy',
        );
      if (request.annotatorWeights)
        throw new DomainError(
          ErrorCode.BadUserInput,
          'weightByGoldAccuracy contradicts explicit annotatorWeights',
          'weightByGoldAccuracy',
        );
    }
    return request;
  }

  /** Exports a project into a new immutable snapshot folder, registers and audits it; returns the row. */
  async exportProject(
    project: ProjectRef,
    request: ExportRequest,
    options: ExportOptions,
    actor: Actor,
  ): Promise<SnapshotRow> {
    const id = randomUUID();
    const folder = pendingSnapshotDir(this.config.artifactDir, id);
    let manifest: DatasetManifest;
    let finalRequest = request;
    try {
      ({ manifest, request: finalRequest } = await this.readConsistently(
        project,
        request,
        options,
        directorySink(folder.tempDir),
        async (stats, used, alpha, runner) => {
          await refuseEmpty(stats, () => this.exportItems.countLabels(runner, project.id));
          return writeSnapshotFiles(directorySink(folder.tempDir), {
            request: used,
            stats,
            codeVersion: codeVersion(),
            name: options.name ?? undefined,
            agreementExtras: { ...alpha },
          });
        },
      ));
    } catch (error) {
      folder.discard();
      if (error instanceof DomainError && error.code === ErrorCode.EmptyExport) throw error;
      await this.recordFailure(id, project, request, options, folder.finalDir, error as Error, actor);
      throw error;
    }
    try {
      await options.beforeRegister?.(folder.tempDir);
      folder.publish();
    } catch (error) {
      folder.discard();
      throw error;
    }
    return this.register(id, project, finalRequest, manifest, folder.finalDir, options, actor);
  }

  /** Dry run: the first ten records and the full counts, without writing a snapshot. */
  async preview(
    project: ProjectRef,
    request: ExportRequest,
    options: Pick<ExportOptions, 'weightByGoldAccuracy'> = {},
  ): Promise<PreviewResult> {
    const sink = previewSink(PREVIEW_RECORDS);
    const { stats, request: used } = await this.readConsistently(
      project,
      { ...request, parquet: false },
      options,
      sink,
      async (result) => result,
    );
    return { records: sink.records(), stats, request: requestToJson(used) };
  }

  /** Snapshots of a project, newest first. */
  async list(projectId: string): Promise<SnapshotRow[]> {
    if (!isUuid(projectId))
      throw new DomainError(ErrorCode.BadUserInput, `projectId must be a UUID, got "${projectId}"`, 'projectId');
    return (await this.snapshots.listByProject(projectId)) as SnapshotRow[];
  }

  /** One snapshot, or NOT_FOUND. */
  async get(id: string): Promise<SnapshotRow> {
    const row = isUuid(id) ? await this.snapshots.findById(id) : null;
    if (!row) throw new DomainError(ErrorCode.NotFound, `No dataset snapshot ${id}`, 'id');
    return row as SnapshotRow;
  }

  /** Opens one file of a ready snapshot for download (only files the manifest names), and audits the download. */
  async openDownload(
    id: string,
    name: string,
    actor: Actor,
  ): Promise<{ name: string; bytes: number; stream: ReadStream }> {
    const snapshot = await this.get(id);
    if (snapshot.status !== 'ready')
      throw new DomainError(ErrorCode.NotFound, `Snapshot ${id} failed; it has no files`, 'id');
    if (!downloadableFiles(snapshot.manifest as DatasetManifest).has(name))
      throw new DomainError(ErrorCode.NotFound, `Snapshot ${id} has no file "${name}"`, 'name');
    const path = join(snapshot.directory, name);
    const bytes = statSync(path).size;
    await this.audit.record({
      actor,
      action: 'dataset.download',
      entityType: 'dataset_snapshot',
      entityId: id,
      projectId: snapshot.projectId,
      details: { file: name, bytes },
    });
    return { name, bytes, stream: createReadStream(path) };
  }

  /**
   * Runs an export pass inside ONE read-only REPEATABLE READ transaction: labels committed while it runs are not seen,
   * so a project still being labelled exports consistently. `finish` runs inside the transaction, after the stream.
   */
  private async readConsistently<T>(
    project: ProjectRef,
    request: ExportRequest,
    options: ExportOptions,
    sink: ExportSink,
    finish: (
      stats: ExportStats,
      request: ExportRequest,
      alpha: ReturnType<StreamingPairwiseAlpha['result']>,
      runner: QueryRunner,
    ) => Promise<T>,
  ): Promise<{ manifest: T; stats: ExportStats; request: ExportRequest }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await this.exportItems.beginConsistentRead(runner);
      const weighted = options.weightByGoldAccuracy
        ? {
            ...request,
            annotatorWeights: new Map(
              Object.entries(goldAccuracyWeights(await this.exportItems.goldLabels(runner, project.id))),
            ),
            defaultAnnotatorWeight: NO_GOLD_WEIGHT,
          }
        : request;
      const total = await this.exportItems.countItems(runner, project.id);
      // Dawid–Skene weighs each annotator by a fit over the whole selection: one pass to fit, one to write.
      const used =
        weighted.policy === 'dawid-skene'
          ? {
              ...weighted,
              pairPosteriors: await fitPairPosteriors(
                this.items(runner, project.id, total, { ...options, onProgress: undefined }),
                weighted,
              ),
            }
          : weighted;
      const alpha = new StreamingPairwiseAlpha(used.criterion);
      const stats = await exportSnapshot(this.items(runner, project.id, total, options), used, sink, {
        onItem: (item, labels) => alpha.addItem(item, labels),
      });
      const manifest = await finish(stats, used, alpha.result(), runner);
      await runner.commitTransaction();
      return { manifest, stats, request: used };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async *items(
    runner: QueryRunner,
    projectId: string,
    total: number,
    options: ExportOptions,
  ): AsyncGenerator<ExportItem> {
    let done = 0;
    const rows =
      options.batchSize === undefined
        ? this.exportItems.itemsByCopy(runner, projectId)
        : this.exportItems.itemsByCursor(runner, projectId, options.batchSize);
    for await (const row of rows) {
      yield toExportItem(row);
      await options.onProgress?.(++done, total);
    }
  }

  private async register(
    id: string,
    project: ProjectRef,
    request: ExportRequest,
    manifest: DatasetManifest,
    directory: string,
    options: ExportOptions,
    actor: Actor,
  ): Promise<SnapshotRow> {
    return this.dataSource.transaction(async (manager) => {
      const row = (await this.snapshots.insert(
        manager,
        {
          id,
          projectId: project.id,
          name: options.name ?? null,
          request: requestToJson(request),
          manifest,
          directory,
          createdBy: describeActor(actor),
        },
        'ready',
      )) as SnapshotRow;
      await this.audit.record(
        {
          actor,
          action: 'dataset.export',
          entityType: 'dataset_snapshot',
          entityId: id,
          projectId: project.id,
          after: { status: 'ready', name: options.name ?? null },
          details: {
            request: requestToJson(request),
            files: manifest.files,
            counts: { itemsExported: manifest.counts.itemsExported, splits: manifest.counts.splits },
          },
        },
        manager,
      );
      return row;
    });
  }

  private async recordFailure(
    id: string,
    project: ProjectRef,
    request: ExportRequest,
    options: ExportOptions,
    directory: string,
    error: Error,
    actor: Actor,
  ): Promise<void> {
    await this.dataSource
      .transaction(async (manager) => {
        await this.snapshots.insert(
          manager,
          {
            id,
            projectId: project.id,
            name: options.name ?? null,
            request: requestToJson(request),
            manifest: { error: error.message },
            directory,
            createdBy: describeActor(actor),
          },
          'failed',
        );
        await this.audit.record(
          {
            actor,
            action: 'dataset.export',
            entityType: 'dataset_snapshot',
            entityId: id,
            projectId: project.id,
            after: { status: 'failed' },
            details: { error: error.message },
          },
          manager,
        );
      })
      .catch(() => undefined);
  }
}

/** An export with no record is refused (EMPTY_EXPORT), saying whether the project has no labels or the filters left nothing. */
async function refuseEmpty(stats: ExportStats, countLabels: () => Promise<number>): Promise<void> {
  const records = stats.splits.train.records + stats.splits.validation.records + stats.splits.test.records;
  if (records > 0) return;
  const labels = await countLabels();
  const excluded = Object.entries(stats.excluded)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  const why =
    stats.itemsSeen === 0
      ? 'the project has no items'
      : labels === 0
        ? 'the project has no labels'
        : `every item was filtered out (${excluded || 'no records'}); loosen the filters or pick another format`;
  throw new DomainError(
    ErrorCode.EmptyExport,
    `nothing to export: 0 records, ${why}; no snapshot was written`,
    'request',
  );
}
