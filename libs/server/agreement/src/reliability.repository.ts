import { Injectable } from '@nestjs/common';
import type { LabelContent, TaskKind } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

const PROJECT = defineSql(
  'agreement.reliability-project',
  `SELECT id, kind FROM projects WHERE id::text = $1 OR slug = $1`,
);
const LABELS = defineSql(
  'agreement.reliability-labels',
  `SELECT l.item_id, l.annotator_id, u.username, l.content
     FROM labels l JOIN users u ON u.id = l.annotator_id
    WHERE l.project_id = $1`,
);
const GOLD_PREFERRED = defineSql(
  'agreement.reliability-gold-preferred',
  `SELECT id, gold->>'preferred' AS preferred FROM items
    WHERE project_id = $1 AND is_gold AND gold->>'criterion' = $2 AND gold->>'preferred' IS NOT NULL`,
);

export interface ReliabilityLabelRow {
  item_id: string;
  annotator_id: string;
  username: string;
  content: LabelContent;
}

/** What the annotator-reliability model reads: the project's labels and its gold answers. */
@Injectable()
export class ReliabilityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async project(idOrSlug: string): Promise<{ id: string; kind: TaskKind } | null> {
    const [row]: { id: string; kind: TaskKind }[] = await this.dataSource.query(PROJECT.text, [idOrSlug]);
    return row ?? null;
  }

  async labels(projectId: string): Promise<ReliabilityLabelRow[]> {
    return this.dataSource.query(LABELS.text, [projectId]);
  }

  /** Gold items' preferred response under `criterion`, by item id. */
  async goldPreferred(projectId: string, criterion: string): Promise<Map<string, string>> {
    const rows: { id: string; preferred: string }[] = await this.dataSource.query(GOLD_PREFERRED.text, [
      projectId,
      criterion,
    ]);
    return new Map(rows.map((row) => [row.id, row.preferred]));
  }
}
