import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  OVERALL_CRITERION,
  labelVerdict,
  matchesGold,
  validateLabelContent,
  verdictAgreement,
  verdictLabel,
  type LabelContent,
} from '@clinrank/domain';
import { DataSource } from 'typeorm';
import { ReviewRepository } from './review.repository.js';
import type { Actor } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { ProjectService, labelRules } from '@clinrank/server-project';

export interface DisagreementRow {
  itemId: string;
  externalId: string;
  language: string;
  specialty: string;
  labels: number;
  majority: string | null;
  /** The majority by response letter in the item's order ("A", "A = B", "tie"), never by id. */
  majorityLabel: string | null;
  /** The majority answer's first words, when it is one response. */
  majorityExcerpt: string | null;
  agreement: number;
  adjudicated: boolean;
}

export interface ReviewLabel {
  id: string;
  annotator: string;
  annotatorKind: string;
  content: LabelContent;
  flags: string[];
  rationale: string | null;
  rewrite: string | null;
  timeSpentMs: number;
  displayOrder: string[];
  guidelineVersion: number;
  createdAt: Date;
}

export interface ItemReview {
  itemId: string;
  externalId: string;
  projectId: string;
  language: string;
  specialty: string;
  prompt: string | null;
  messages: unknown;
  reference: string | null;
  isGold: boolean;
  gold: unknown;
  responses: {
    id: string;
    externalId: string;
    text: string;
    source: string;
    model: string | null;
    generator: string | null;
  }[];
  labels: ReviewLabel[];
  adjudication: { content: LabelContent; rationale: string | null; lead: string; updatedAt: Date } | null;
}

export interface GoldAccuracyRow {
  annotatorId: string;
  username: string;
  goldLabels: number;
  correct: number;
  accuracy: number | null;
}

function majorityOf(
  majority: string | null,
  responses: { id: string; text: string }[],
): { majorityLabel: string | null; majorityExcerpt: string | null } {
  const named = verdictLabel(majority, responses);
  return { majorityLabel: named?.label ?? null, majorityExcerpt: named?.excerpt ?? null };
}

/** What leads use to check quality: disagreements, the full view of an item, adjudication, gold accuracy. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly projects: ProjectService,
    private readonly repository: ReviewRepository,
  ) {}

  async disagreements(
    projectId: string,
    criterion = OVERALL_CRITERION,
    limit = 50,
    offset = 0,
  ): Promise<{ rows: DisagreementRow[]; total: number }> {
    const rows = await this.repository.itemsWithTwoOrMoreLabels(projectId);
    const disagreeing = rows
      .map((row) => ({
        row,
        agreement: verdictAgreement(row.contents.map((content) => labelVerdict(content, criterion))),
      }))
      .filter(({ agreement }) => agreement.disagree)
      .sort(
        (left, right) =>
          left.agreement.share - right.agreement.share || left.row.external_id.localeCompare(right.row.external_id),
      );
    return {
      total: disagreeing.length,
      rows: disagreeing.slice(offset, offset + limit).map(({ row, agreement }) => ({
        ...majorityOf(agreement.majority, row.responses ?? []),
        itemId: row.id,
        externalId: row.external_id,
        language: row.language,
        specialty: row.specialty,
        labels: row.contents.length,
        majority: agreement.majority,
        agreement: agreement.share,
        adjudicated: row.adjudicated,
      })),
    };
  }

  async itemReview(itemId: string): Promise<ItemReview> {
    const item = await this.repository.item(itemId);
    if (!item) throw new DomainError(ErrorCode.NotFound, `No item ${itemId}`, 'itemId');
    const responses = await this.repository.responses(itemId);
    const labels = await this.repository.labels(itemId);
    const adjudication = await this.repository.adjudication(itemId);
    return {
      itemId: item.id,
      externalId: item.external_id,
      projectId: item.project_id,
      language: item.language,
      specialty: item.specialty,
      prompt: item.prompt,
      messages: item.messages,
      reference: item.reference,
      isGold: item.is_gold,
      gold: item.gold,
      responses: responses.map((row) => ({
        id: row.id,
        externalId: row.external_id,
        text: row.text,
        source: row.source,
        model: row.model,
        generator: row.generator,
      })),
      labels: labels.map((row) => ({
        id: row.id,
        annotator: row.username,
        annotatorKind: row.annotator_kind,
        content: row.content,
        flags: row.flags,
        rationale: row.rationale,
        rewrite: row.rewrite,
        timeSpentMs: row.time_spent_ms,
        displayOrder: row.display_order,
        guidelineVersion: row.guideline_version,
        createdAt: row.created_at,
      })),
      adjudication: adjudication
        ? {
            content: adjudication.content,
            rationale: adjudication.rationale,
            lead: adjudication.username,
            updatedAt: adjudication.updated_at,
          }
        : null,
    };
  }

  /** Records (or replaces) the lead's final label for an item; it is validated like any other label. */
  async adjudicate(
    leadId: string,
    itemId: string,
    rawContent: unknown,
    rationale: string | null,
    actor: Actor,
  ): Promise<ItemReview> {
    const projectId = await this.repository.itemProjectId(itemId);
    if (!projectId) throw new DomainError(ErrorCode.NotFound, `No item ${itemId}`, 'itemId');
    const project = await this.projects.get(projectId);
    const responses = (await this.repository.responseIds(itemId)).map((id) => ({ id }));
    const raw = rawContent as { a?: string; b?: string };
    const shown = project.kind === 'pairwise' ? [raw?.a ?? '', raw?.b ?? ''] : responses.map((response) => response.id);
    if (project.kind === 'pairwise' && !shown.every((id) => responses.some((response) => response.id === id))) {
      throw new DomainError(
        ErrorCode.BadUserInput,
        'a pairwise adjudication must name the two response ids as a and b',
        'content',
      );
    }
    const content = validateLabelContent(
      rawContent,
      labelRules(project),
      project.kind === 'validation' ? shown.slice(0, 1) : shown,
    );
    await this.dataSource.transaction(async (manager) => {
      const before = await this.repository.lockAdjudication(manager, itemId);
      await this.repository.upsertAdjudication(manager, { projectId: project.id, itemId, leadId, content, rationale });
      await this.audit.record(
        {
          actor,
          action: 'item.adjudicate',
          entityType: 'item',
          entityId: itemId,
          projectId: project.id,
          before: before ?? null,
          after: { content, rationale },
        },
        manager,
      );
    });
    return this.itemReview(itemId);
  }

  async goldAccuracy(projectId: string): Promise<GoldAccuracyRow[]> {
    const rows = await this.repository.goldLabels(projectId);
    const byAnnotator = new Map<string, GoldAccuracyRow>();
    for (const row of rows) {
      const entry = byAnnotator.get(row.annotator_id) ?? {
        annotatorId: row.annotator_id,
        username: row.username,
        goldLabels: 0,
        correct: 0,
        accuracy: null,
      };
      entry.goldLabels += 1;
      if (matchesGold(row.content, row.gold)) entry.correct += 1;
      entry.accuracy = entry.correct / entry.goldLabels;
      byAnnotator.set(row.annotator_id, entry);
    }
    return [...byAnnotator.values()].sort((left, right) => left.username.localeCompare(right.username));
  }
}
