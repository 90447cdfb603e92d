import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  readImportStream,
  type ImportAnnotation,
  type ImportItem,
  type ImportProblem,
  type LabelContent,
  type StreamedLine,
} from '@clinrank/domain';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, LOGGER, actorUserId, dataErrorCode, describeActor, failedForOutage } from '@clinrank/server-core';
import type { Logger } from 'pino';
import { AuditService } from '@clinrank/server-audit';
import { UsersService, externalAnnotatorUsername } from '@clinrank/server-identity';
import { type ProjectEntity, importRules } from '@clinrank/server-project';
import { ItemRepository, type ItemColumns } from './item.repository.js';

export interface ImportReport {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  labelsImported: number;
  problems: ImportProblem[];
  strict: boolean;
  committed: boolean;
  /** The database went away part-way; set only while the report is being finished. */
  interrupted?: boolean;
}

type LineOutcome = { status: 'imported' | 'updated' | 'unchanged'; labels: number };

class RefusedLine extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.reason);
  }
}

/** A refused line, or a row the database would not take (a data error): reported against its line, never thrown. */
function lineProblem(error: unknown, line: number): ImportProblem {
  if (error instanceof RefusedLine) return error.problem;
  const code = dataErrorCode(error);
  if (code)
    return {
      line,
      field: '(line)',
      reason: `the database refused this line (SQLSTATE ${code}); nothing from it was saved`,
    };
  throw error;
}

/** The truth about an import cut short by an outage: what was stored before it, and that the rest was not. */
function unavailable(report: ImportReport): DomainError {
  const stored = report.imported + report.updated;
  const saved =
    stored || report.labelsImported
      ? `${stored} items and ${report.labelsImported} labels were saved before it did`
      : 'nothing was saved';
  return new DomainError(
    ErrorCode.Unavailable,
    `The database became unavailable during the import; ${saved}. Importing the same file again is safe.`,
  );
}

function itemColumns(item: ImportItem, contentHash: string): ItemColumns {
  return {
    language: item.language,
    specialty: item.specialty,
    prompt: item.prompt,
    messages: item.messages ? JSON.stringify(item.messages) : null,
    reference: item.reference,
    metadata: JSON.stringify(item.metadata),
    isGold: item.gold !== null,
    contentHash,
  };
}

function contentHash(item: ImportItem): string {
  const { annotations: _annotations, id: _id, ...content } = item;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** A stable uuid for an imported label, so re-importing the same file never stores it twice. */
function importedSubmissionId(projectId: string, itemId: string, annotator: string, pair: string): string {
  const hex = createHash('sha256').update(`${projectId}\0${itemId}\0${annotator}\0${pair}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface PendingLabel {
  annotator: string;
  annotatorKind: 'external' | 'judge';
  pairKey: string;
  content: LabelContent;
  shown: string[];
}

/** Groups an item's imported annotations into one label per annotator (and per response pair for pairwise). */
function groupAnnotations(annotations: ImportAnnotation[], responseIds: Map<string, string>): PendingLabel[] {
  const byKey = new Map<string, PendingLabel>();
  const uuid = (externalId: string) => responseIds.get(externalId)!;
  for (const annotation of annotations) {
    if (annotation.kind === 'rating') {
      const key = `${annotation.annotator}\0`;
      const label = byKey.get(key) ?? {
        annotator: annotation.annotator,
        annotatorKind: annotation.annotatorKind,
        pairKey: '',
        content: { kind: 'rating', scores: {} },
        shown: [],
      };
      const scores = (label.content as { scores: Record<string, Record<string, number>> }).scores;
      (scores[annotation.criterion] ??= {})[uuid(annotation.response)] = annotation.score;
      if (!label.shown.includes(uuid(annotation.response))) label.shown.push(uuid(annotation.response));
      byKey.set(key, label);
    } else if (annotation.kind === 'pairwise') {
      const shown = [uuid(annotation.a), uuid(annotation.b)];
      const pair = [...shown].sort().join('|');
      const key = `${annotation.annotator}\0${pair}`;
      const label = byKey.get(key) ?? {
        annotator: annotation.annotator,
        annotatorKind: annotation.annotatorKind,
        pairKey: pair,
        content: { kind: 'pairwise', a: shown[0], b: shown[1], judgements: {} },
        shown,
      };
      const content = label.content as {
        a: string;
        judgements: Record<string, { choice: string; strength: string | null }>;
      };
      // Several annotations of one pair may list it in either order; keep choices relative to the first order seen.
      const flipped = content.a !== shown[0];
      const choice =
        flipped && (annotation.choice === 'a' || annotation.choice === 'b')
          ? annotation.choice === 'a'
            ? 'b'
            : 'a'
          : annotation.choice;
      content.judgements[annotation.criterion] = { choice, strength: annotation.strength };
      byKey.set(key, label);
    } else {
      byKey.set(`${annotation.annotator}\0`, {
        annotator: annotation.annotator,
        annotatorKind: annotation.annotatorKind,
        pairKey: '',
        content: { kind: 'ranking', ranking: annotation.ranking.map((group) => group.map(uuid)) },
        shown: annotation.ranking.flat().map(uuid),
      });
    }
  }
  return [...byKey.values()];
}

/** Lines read so far (blank ones included) and bytes received, with the counts of the report as it stands. */
export interface ImportProgress {
  lines: number;
  bytes: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/** Thrown inside a strict import's transaction to roll it back after a bad line. */
class RolledBack extends Error {}

/** An import that stores at least this many items refreshes the queue's planner statistics. */
const REFRESH_STATISTICS_AFTER_ITEMS = 200;

/** Good lines are staged and stored this many at a time (or fewer, once their items reach BATCH_BYTES). */
const BATCH_LINES = 5000;
const BATCH_BYTES = 8 * 1024 * 1024;

/** A good line waiting in a batch, with its staging row (COPY text format) for when its item is new. */
interface StagedLine {
  line: number;
  item: ImportItem;
  hash: string;
  row: Buffer;
}

/** What one batch stored, applied to the report once its transaction committed. */
interface BatchTally {
  imported: number;
  updated: number;
  unchanged: number;
  labelsImported: number;
  problems: ImportProblem[];
}

/**
 * The staging row of a new item: the item as stored, with the ids of the item and its responses chosen here so the gold
 * answer and the imported labels can name them, and its labels (one per annotator, and per pair for pairwise), each
 * naming its annotator by username (resolved to an id by the insert) and carrying the stable submission id a re-import
 * finds it by. COPY's text format: the line number, a tab, the JSON with its backslashes doubled (JSON.stringify
 * escapes every control character, so no raw tab or newline remains).
 */
function stagingRow(projectId: string, line: number, item: ImportItem, hash: string): Buffer {
  const responses = item.responses.map((response, position) => ({
    uuid: randomUUID(),
    id: response.id,
    position,
    text: response.text,
    source: response.source,
    model: response.model,
    modelVersion: response.modelVersion,
    generator: response.generator,
  }));
  const gold = item.gold
    ? {
        criterion: item.gold.criterion,
        preferred: responses.find((response) => response.id === item.gold!.preferred)!.uuid,
      }
    : null;
  const labels = groupAnnotations(
    item.annotations,
    new Map(responses.map((response) => [response.id, response.uuid])),
  ).map((label) => ({
    annotator: externalAnnotatorUsername(label.annotator, label.annotatorKind),
    name: label.annotator,
    submissionId: importedSubmissionId(projectId, item.id, label.annotator, label.pairKey),
    content: label.content,
    shown: label.shown,
    pairKey: label.pairKey,
  }));
  const doc = {
    id: item.id,
    itemId: randomUUID(),
    hash,
    language: item.language,
    specialty: item.specialty,
    prompt: item.prompt,
    messages: item.messages,
    reference: item.reference,
    metadata: item.metadata,
    isGold: item.gold !== null,
    gold,
    responses,
    labels,
    // items.label_count counts distinct annotators (item.recount-labels).
    labelCount: new Set(labels.map((label) => label.annotator)).size,
  };
  return Buffer.from(`${line}\t${JSON.stringify(doc).replaceAll('\\', '\\\\')}\n`);
}

function emptyReport(strict: boolean, problems: ImportProblem[]): ImportReport {
  return {
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: problems.length,
    labelsImported: 0,
    problems,
    strict,
    committed: false,
  };
}

function progressOf(entry: StreamedLine, report: ImportReport): ImportProgress {
  return {
    lines: entry.line,
    bytes: entry.bytesRead,
    imported: report.imported,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: report.problems.length,
  };
}

function notImported(line: number): ImportProblem {
  return { line, field: '(line)', reason: 'not imported: the database became unavailable; import the file again' };
}

type Settled<T> = { ok: true; result: IteratorResult<T> } | { ok: false; error: unknown };

/**
 * Passes `source` on, asking it for its next value as soon as the current one is handed out: the next batch is read and
 * validated while the database stores this one. A failure of the source is held (never an unhandled rejection) and
 * thrown when its turn comes.
 */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const ask = (): Promise<Settled<T>> =>
    iterator.next().then(
      (result) => ({ ok: true, result }),
      (error: unknown) => ({ ok: false, error }),
    );
  let next = ask();
  for (;;) {
    const current = await next;
    if (!current.ok) throw current.error;
    if (current.result.done) return;
    next = ask();
    yield current.result.value;
  }
}

async function* single(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

@Injectable()
export class ItemImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly repository: ItemRepository,
    @Optional() @Inject(LOGGER) private readonly logger?: Logger,
  ) {}

  /** Imports JSONL bytes into a project: good lines are stored, bad ones reported; with strict, all or nothing. */
  async importFile(
    project: ProjectEntity,
    bytes: Uint8Array,
    options: { strict: boolean },
    actor: Actor,
  ): Promise<ImportReport> {
    return this.importStream(project, single(bytes), options, actor);
  }

  /**
   * Imports a JSONL byte stream as it arrives. Each line is read and validated as it comes (bad lines are reported by
   * number); good lines are gathered into bounded batches, and each batch is stored with set-based statements: one
   * lookup of its external ids (unchanged items are counted by content hash), then its new items COPYed into a staging
   * table and inserted, with their responses and audit rows, by one statement. Changed items, items carrying
   * annotations, and the new items of a batch the database refused as a whole take the line-by-line path, with the same
   * rules, reports, audit and idempotency as before.
   *
   * Strict: one transaction, rolled back if any line is bad. Otherwise each batch commits on its own and a line the
   * database refuses is reported alone. An error from the stream itself (the client went away, the upload is over its
   * limit) ends the import: strict stores nothing, otherwise committed batches stay.
   */
  async importStream(
    project: ProjectEntity,
    chunks: AsyncIterable<Uint8Array>,
    options: { strict: boolean },
    actor: Actor,
    onProgress: (progress: ImportProgress) => void = () => {},
  ): Promise<ImportReport> {
    const report = emptyReport(options.strict, []);
    const batches = readAhead(this.batches(report, project, chunks, onProgress));
    if (options.strict) await this.importAllOrNothing(report, project, batches, actor);
    else await this.importBatchByBatch(report, project, batches, actor);
    report.problems.sort((left, right) => left.line - right.line);
    return this.finish(report, project, actor);
  }

  /**
   * Reads the stream line by line (never more than one line and one batch in memory), reporting bad lines into the
   * report and progress after each line, and yields the good lines in batches. Strict: after the first bad line, good
   * lines are no longer gathered, but the rest is still read so every problem is reported.
   */
  private async *batches(
    report: ImportReport,
    project: ProjectEntity,
    chunks: AsyncIterable<Uint8Array>,
    onProgress: (progress: ImportProgress) => void,
  ): AsyncGenerator<StagedLine[]> {
    let batch: StagedLine[] = [];
    let bytes = 0;
    for await (const entry of readImportStream(chunks, importRules(project))) {
      const parsed = entry.parsed;
      if (parsed && 'problem' in parsed) {
        report.problems.push(parsed.problem);
        if (!report.strict) report.rejected += 1;
      } else if (parsed && !(report.strict && report.problems.length)) {
        const hash = contentHash(parsed.item);
        const row = stagingRow(project.id, parsed.line, parsed.item, hash);
        batch.push({ line: parsed.line, item: parsed.item, hash, row });
        bytes += row.length;
        if (batch.length >= BATCH_LINES || bytes >= BATCH_BYTES) {
          yield batch;
          batch = [];
          bytes = 0;
        }
      }
      onProgress(progressOf(entry, report));
    }
    if (batch.length) yield batch;
  }

  /**
   * Strict: one transaction for the whole file; any bad line rolls everything back and is reported. After the first bad
   * line no more are stored, but the rest of the file is still read so every parse problem is reported.
   */
  private async importAllOrNothing(
    report: ImportReport,
    project: ProjectEntity,
    batches: AsyncIterable<StagedLine[]>,
    actor: Actor,
  ) {
    const iterator = batches[Symbol.asyncIterator]();
    const position = { line: 0 };
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.repository.createImportStaging(manager);
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          if (report.problems.length) continue;
          const tally = await this.storeBatch(manager, project, next.value, actor, { lenient: false, position });
          this.apply(report, tally);
        }
        await this.repository.dropImportStaging(manager);
        if (report.problems.length) throw new RolledBack();
      });
    } catch (error) {
      report.imported = report.updated = report.unchanged = report.labelsImported = 0;
      if (error instanceof RolledBack) {
        report.rejected = report.problems.length;
        return;
      }
      if (await failedForOutage(error, this.dataSource)) throw unavailable(report);
      report.problems.push(lineProblem(error, position.line));
      // Read the rest, so every bad line is reported.
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) continue;
      report.rejected = report.problems.length;
    }
  }

  /**
   * Each batch in a transaction of its own, and each line the database refuses reported alone (a bad line never takes
   * good ones with it). When the database goes away mid-file, the lines not yet stored are reported as such and the
   * batches already stored stay counted.
   */
  private async importBatchByBatch(
    report: ImportReport,
    project: ProjectEntity,
    batches: AsyncIterable<StagedLine[]>,
    actor: Actor,
  ) {
    // One connection for the whole import: the staging table is temporary, so it lives on that connection.
    const runner = this.dataSource.createQueryRunner();
    let outage = false;
    const position = { line: 0 };
    try {
      for await (const batch of batches) {
        if (!outage) {
          try {
            const tally = await runner.manager.transaction(async (manager) => {
              await this.repository.createImportStaging(manager);
              return this.storeBatch(manager, project, batch, actor, { lenient: true, position });
            });
            this.apply(report, tally);
            continue;
          } catch (error) {
            if (!(await failedForOutage(error, this.dataSource))) throw error;
            outage = report.interrupted = true;
          }
        }
        for (const { line } of batch) report.problems.push(notImported(line));
        report.rejected += batch.length;
      }
    } finally {
      if (!outage) await this.repository.dropImportStaging(runner.manager).catch(() => undefined);
      await runner.release();
    }
  }

  /**
   * Stores one batch inside the caller's transaction. Its lines are looked up by external id in one statement. New items
   * are COPYed to the staging table and inserted, with their responses, imported labels and audit rows, by one statement
   * (in a savepoint: if the database refuses any row, they all take the line-by-line path instead, so the bad line is
   * found and reported by number). Unchanged items without annotations are counted by content hash. Changed items, and
   * existing items with annotations (whose labels may change), go line by line: lenient, each in a savepoint and a
   * refused line reported; strict, the first refusal throws.
   */
  private async storeBatch(
    manager: EntityManager,
    project: ProjectEntity,
    batch: StagedLine[],
    actor: Actor,
    mode: { lenient: boolean; position: { line: number } },
  ): Promise<BatchTally> {
    const tally: BatchTally = { imported: 0, updated: 0, unchanged: 0, labelsImported: 0, problems: [] };
    const lineByLine: StagedLine[] = [];
    const existing = await this.repository.existingByExternalId(
      manager,
      project.id,
      batch.map((staged) => staged.item.id),
    );
    const fresh: StagedLine[] = [];
    for (const staged of batch) {
      const hash = existing.get(staged.item.id);
      if (hash === undefined) fresh.push(staged);
      else if (hash === staged.hash && staged.item.annotations.length === 0) tally.unchanged += 1;
      else lineByLine.push(staged); // a changed item, or labels to compare with the stored ones
    }
    if (fresh.length) {
      const stored = await manager
        .transaction(async (inner) => {
          const annotators = await this.importedAnnotators(inner, fresh, actor);
          await this.repository.stageImportBatch(
            inner,
            fresh.map((staged) => staged.row),
          );
          return this.repository.insertStaged(inner, {
            projectId: project.id,
            kind: project.kind,
            guidelineVersion: project.guidelineVersion,
            annotators,
            actor: describeActor(actor),
            actorUserId: actorUserId(actor),
          });
        })
        .then(
          (stored) => stored,
          (error: unknown) => {
            // A row the database refused, or an item another import inserted meanwhile: find it line by line.
            if (dataErrorCode(error) === null) throw error;
            return null;
          },
        );
      if (stored === null) lineByLine.push(...fresh);
      else {
        tally.imported += stored.items;
        tally.labelsImported += stored.labels;
      }
    }
    lineByLine.sort((left, right) => left.line - right.line);
    for (const { line, item } of lineByLine) {
      mode.position.line = line;
      if (!mode.lenient) {
        this.count(tally, await this.importItem(manager, project, item, line, actor));
        continue;
      }
      try {
        this.count(tally, await manager.transaction((inner) => this.importItem(inner, project, item, line, actor)));
      } catch (error) {
        tally.problems.push(lineProblem(error, line));
      }
    }
    return tally;
  }

  /**
   * The queue's planner statistics after a large import. Autovacuum would refresh them within a minute or so; until then
   * every next task sorted the whole project. A failure here loses nothing (the items are stored) and is logged.
   */
  private async refreshQueueStatistics(project: ProjectEntity): Promise<void> {
    try {
      await this.repository.refreshQueueStatistics(this.dataSource.manager);
    } catch (error) {
      this.logger?.warn({ err: error, projectId: project.id }, 'queue statistics not refreshed after the import');
    }
  }

  /** Username → user id of every annotator the new items' annotations name, each created (and audited) when new. */
  private async importedAnnotators(
    manager: EntityManager,
    fresh: StagedLine[],
    actor: Actor,
  ): Promise<Record<string, string>> {
    const ids: Record<string, string> = {};
    for (const { item } of fresh)
      for (const { annotator, annotatorKind } of item.annotations) {
        const username = externalAnnotatorUsername(annotator, annotatorKind);
        ids[username] ??= await this.users.ensureExternalAnnotator(annotator, annotatorKind, actor, manager);
      }
    return ids;
  }

  private apply(report: ImportReport, tally: BatchTally) {
    report.imported += tally.imported;
    report.updated += tally.updated;
    report.unchanged += tally.unchanged;
    report.labelsImported += tally.labelsImported;
    report.problems.push(...tally.problems);
    report.rejected += tally.problems.length;
  }

  private count(report: BatchTally, outcome: LineOutcome) {
    report[outcome.status] += 1;
    report.labelsImported += outcome.labels;
  }

  private async finish(report: ImportReport, project: ProjectEntity, actor: Actor): Promise<ImportReport> {
    report.committed = report.imported + report.updated + report.labelsImported > 0;
    if (report.imported + report.updated >= REFRESH_STATISTICS_AFTER_ITEMS) await this.refreshQueueStatistics(project);
    const { problems, ...summary } = report;
    try {
      await this.audit.record({
        actor,
        action: 'project.import',
        entityType: 'project',
        entityId: project.id,
        projectId: project.id,
        details: { ...summary, problems: problems.slice(0, 100) },
      });
    } catch (error) {
      // Every stored item and label already has its own audit row; only the summary row is missing.
      if (await failedForOutage(error, this.dataSource)) throw unavailable(report);
      throw error;
    }
    if (report.interrupted) throw unavailable(report);
    return report;
  }

  private async importItem(
    manager: EntityManager,
    project: ProjectEntity,
    item: ImportItem,
    line: number,
    actor: Actor,
  ): Promise<LineOutcome> {
    const hash = contentHash(item);
    const existing = await this.repository.lockByExternalId(manager, project.id, item.id);
    let itemId: string;
    let status: LineOutcome['status'];
    if (!existing) {
      itemId = await this.insertItem(manager, project, item, hash);
      status = 'imported';
      await this.audit.record(
        {
          actor,
          action: 'item.create',
          entityType: 'item',
          entityId: itemId,
          projectId: project.id,
          after: { externalId: item.id, responses: item.responses.length },
        },
        manager,
      );
    } else if (existing.content_hash === hash) {
      itemId = existing.id;
      status = 'unchanged';
    } else {
      itemId = existing.id;
      await this.updateItem(manager, itemId, item, hash, line);
      status = 'updated';
      await this.audit.record(
        {
          actor,
          action: 'item.update',
          entityType: 'item',
          entityId: itemId,
          projectId: project.id,
          after: { externalId: item.id, contentHash: hash },
        },
        manager,
      );
    }
    const labels = await this.importLabels(manager, project, itemId, item, actor);
    if (labels > 0 && status === 'unchanged') status = 'updated';
    return { status, labels };
  }

  private async insertItem(
    manager: EntityManager,
    project: ProjectEntity,
    item: ImportItem,
    hash: string,
  ): Promise<string> {
    const itemId = await this.repository.insertItem(manager, project.id, item.id, itemColumns(item, hash));
    const responseIds = await this.insertResponses(manager, itemId, item, 0);
    if (item.gold)
      await this.repository.setImportedGold(
        manager,
        itemId,
        JSON.stringify({ criterion: item.gold.criterion, preferred: responseIds.get(item.gold.preferred) }),
      );
    return itemId;
  }

  private async insertResponses(
    manager: EntityManager,
    itemId: string,
    item: ImportItem,
    startPosition: number,
    only?: Set<string>,
  ): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const [index, response] of item.responses.entries()) {
      if (only && !only.has(response.id)) continue;
      const id = await this.repository.insertResponse(manager, itemId, {
        externalId: response.id,
        position: startPosition + index,
        text: response.text,
        source: response.source,
        model: response.model,
        modelVersion: response.modelVersion,
        generator: response.generator,
      });
      ids.set(response.id, id);
    }
    return ids;
  }

  /** Applies a changed item, refusing to change the text of responses that already have labels. */
  private async updateItem(
    manager: EntityManager,
    itemId: string,
    item: ImportItem,
    hash: string,
    line: number,
  ): Promise<void> {
    const current = await this.repository.storedResponses(manager, itemId);
    const incoming = new Map(item.responses.map((response) => [response.id, response]));
    for (const response of current) {
      const next = incoming.get(response.external_id);
      if (response.labelled && (!next || next.text !== response.text)) {
        throw new RefusedLine({
          line,
          field: 'responses',
          reason: `response "${response.external_id}" already has labels; its text cannot change or be removed`,
        });
      }
    }
    const known = new Set(current.map((response) => response.external_id));
    for (const response of current) {
      const next = incoming.get(response.external_id);
      if (!next) await this.repository.deleteResponse(manager, response.id);
      else await this.repository.updateResponse(manager, response.id, next);
    }
    await this.insertResponses(
      manager,
      itemId,
      item,
      current.length,
      new Set(item.responses.filter((response) => !known.has(response.id)).map((response) => response.id)),
    );
    const responseIds = await this.responseIds(manager, itemId);
    const gold = item.gold
      ? JSON.stringify({ criterion: item.gold.criterion, preferred: responseIds.get(item.gold.preferred) })
      : null;
    await this.repository.updateItem(manager, itemId, itemColumns(item, hash), gold);
  }

  private async responseIds(manager: EntityManager, itemId: string): Promise<Map<string, string>> {
    const rows = await this.repository.responseIds(manager, itemId);
    return new Map(rows.map((row) => [row.external_id, row.id]));
  }

  private async importLabels(
    manager: EntityManager,
    project: ProjectEntity,
    itemId: string,
    item: ImportItem,
    actor: Actor,
  ): Promise<number> {
    if (item.annotations.length === 0) return 0;
    const responseIds = await this.responseIds(manager, itemId);
    let stored = 0;
    for (const label of groupAnnotations(item.annotations, responseIds)) {
      const annotatorId = await this.users.ensureExternalAnnotator(
        label.annotator,
        label.annotatorKind,
        actor,
        manager,
      );
      const submissionId = importedSubmissionId(project.id, item.id, label.annotator, label.pairKey);
      const written = await this.repository.upsertImportedLabel(manager, {
        projectId: project.id,
        itemId,
        annotatorId,
        submissionId,
        kind: project.kind,
        content: JSON.stringify(label.content),
        shown: label.shown,
        pairKey: label.pairKey,
        guidelineVersion: project.guidelineVersion,
      });
      if (!written) continue;
      stored += 1;
      await this.audit.record(
        {
          actor,
          action: written.inserted ? 'label.create' : 'label.update',
          entityType: 'label',
          entityId: written.id,
          projectId: project.id,
          before: written.before,
          after: label.content,
          details: { origin: 'import', annotator: label.annotator },
        },
        manager,
      );
    }
    await this.repository.recountLabels(manager, itemId);
    return stored;
  }
}

export function assertProjectKindSupportsImport(project: ProjectEntity) {
  if (project.locked)
    throw new DomainError(ErrorCode.ProjectLocked, `Project "${project.slug}" is locked; unlock it to import`);
}
