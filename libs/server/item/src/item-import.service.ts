import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  parseImportFile,
  readImportStream,
  type ImportAnnotation,
  type ImportItem,
  type ImportProblem,
  type LabelContent,
  type ParsedLine,
  type StreamedLine,
} from '@clinrank/domain';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, dataErrorCode, failedForOutage } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { UsersService } from '@clinrank/server-identity';
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

async function* toLines(items: { line: number; item: ImportItem }[]): AsyncGenerator<ParsedLine> {
  yield* items;
}

/** Passes a stream's parsed lines on, telling onProgress after each line how far it got. */
async function* withProgress(
  lines: AsyncIterable<StreamedLine>,
  report: ImportReport,
  onProgress: (progress: ImportProgress) => void,
): AsyncGenerator<ParsedLine> {
  let last: StreamedLine | null = null;
  for await (const entry of lines) {
    if (last) onProgress(progressOf(last, report));
    last = entry;
    if (entry.parsed) yield entry.parsed;
  }
  if (last) onProgress(progressOf(last, report));
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

@Injectable()
export class ItemImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly repository: ItemRepository,
  ) {}

  /** Imports JSONL bytes into a project: good lines are stored, bad ones reported; with strict, all or nothing. */
  async importFile(
    project: ProjectEntity,
    bytes: Uint8Array,
    options: { strict: boolean },
    actor: Actor,
  ): Promise<ImportReport> {
    const parsed = parseImportFile(bytes, importRules(project));
    const problems = parsed.flatMap((entry) => ('problem' in entry ? [entry.problem] : []));
    const items = parsed.flatMap((entry) => ('item' in entry ? [{ line: entry.line, item: entry.item }] : []));
    const report = emptyReport(options.strict, problems);
    if (options.strict && problems.length) return this.finish(report, project, actor);
    if (options.strict) await this.importAllOrNothing(report, project, toLines(items), actor);
    else await this.importLineByLine(report, project, toLines(items), actor);
    report.problems.sort((left, right) => left.line - right.line);
    return this.finish(report, project, actor);
  }

  /**
   * Imports a JSONL byte stream line by line as it arrives, with the same validation, reports, audit and idempotency as
   * importFile. Strict: one transaction, rolled back if any line is bad. An error from the stream itself (the client
   * went away, the upload is over its limit) ends the import: strict stores nothing, otherwise stored lines stay.
   */
  async importStream(
    project: ProjectEntity,
    chunks: AsyncIterable<Uint8Array>,
    options: { strict: boolean },
    actor: Actor,
    onProgress: (progress: ImportProgress) => void = () => {},
  ): Promise<ImportReport> {
    const report = emptyReport(options.strict, []);
    const lines = withProgress(readImportStream(chunks, importRules(project)), report, onProgress);
    if (options.strict) await this.importAllOrNothing(report, project, lines, actor);
    else await this.importLineByLine(report, project, lines, actor);
    report.problems.sort((left, right) => left.line - right.line);
    return this.finish(report, project, actor);
  }

  /**
   * Strict: one transaction for the whole file; any bad line rolls everything back and is reported. After the first bad
   * line no more are stored, but the rest of the file is still read so every parse problem is reported.
   */
  private async importAllOrNothing(
    report: ImportReport,
    project: ProjectEntity,
    lines: AsyncIterable<ParsedLine>,
    actor: Actor,
  ) {
    const iterator = lines[Symbol.asyncIterator]();
    let current = 0;
    try {
      await this.dataSource.transaction(async (manager) => {
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          const entry = next.value;
          current = entry.line;
          if ('problem' in entry) report.problems.push(entry.problem);
          else if (report.problems.length === 0)
            this.count(report, await this.importItem(manager, project, entry.item, entry.line, actor));
        }
        if (report.problems.length) throw new RolledBack();
      });
    } catch (error) {
      report.imported = report.updated = report.unchanged = report.labelsImported = 0;
      if (error instanceof RolledBack) {
        report.rejected = report.problems.length;
        return;
      }
      if (await failedForOutage(error, this.dataSource)) throw unavailable(report);
      report.problems.push(lineProblem(error, current));
      for (let next = await iterator.next(); !next.done; next = await iterator.next())
        if ('problem' in next.value) report.problems.push(next.value.problem);
      report.rejected = report.problems.length;
    }
  }

  /**
   * Each line in a transaction of its own, so a bad line never takes good ones with it. When the database goes away
   * mid-file, the lines not yet stored are reported as such and the lines already stored stay counted.
   */
  private async importLineByLine(
    report: ImportReport,
    project: ProjectEntity,
    lines: AsyncIterable<ParsedLine>,
    actor: Actor,
  ) {
    let outage = false;
    for await (const entry of lines) {
      if ('problem' in entry) {
        report.problems.push(entry.problem);
        report.rejected += 1;
        continue;
      }
      const { line, item } = entry;
      if (outage) {
        report.problems.push({
          line,
          field: '(line)',
          reason: 'not imported: the database became unavailable; import the file again',
        });
        report.rejected += 1;
        continue;
      }
      try {
        this.count(
          report,
          await this.dataSource.transaction((manager) => this.importItem(manager, project, item, line, actor)),
        );
      } catch (error) {
        if (await failedForOutage(error, this.dataSource)) {
          outage = report.interrupted = true;
          report.problems.push({
            line,
            field: '(line)',
            reason: 'not imported: the database became unavailable; import the file again',
          });
        } else {
          report.problems.push(lineProblem(error, line));
        }
        report.rejected += 1;
      }
    }
  }

  private count(report: ImportReport, outcome: LineOutcome) {
    report[outcome.status] += 1;
    report.labelsImported += outcome.labels;
  }

  private async finish(report: ImportReport, project: ProjectEntity, actor: Actor): Promise<ImportReport> {
    report.committed = report.imported + report.updated + report.labelsImported > 0;
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
