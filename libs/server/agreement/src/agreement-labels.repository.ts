import { Inject, Injectable } from '@nestjs/common';
import type { LabelContent, TaskKind } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

/** A project as the analytics read it (settings as stored). */
export interface AgreementProjectRow {
  id: string;
  slug: string;
  kind: TaskKind;
  criteria: string[];
  scale_min: number;
  scale_max: number;
  settings: Record<string, unknown> | null;
}

/** One label as the analytics load it. */
export interface AgreementLabelRow {
  item_id: string;
  annotator_id: string;
  content: LabelContent;
  shown_first: string | null;
  time_spent_ms: number;
  origin: string;
  at_ms: number;
}

export interface LabelFilterParameters {
  language: string | null;
  specialty: string | null;
  from: string | Date | null;
  to: string | Date | null;
}

const PROJECT_BY_ID = defineSql(
  'agreement.project-by-id',
  `SELECT id, slug, kind, criteria, scale_min, scale_max, settings FROM projects WHERE id = $1`,
);
const PROJECT_BY_SLUG = defineSql(
  'agreement.project-by-slug',
  `SELECT id, slug, kind, criteria, scale_min, scale_max, settings FROM projects WHERE slug = $1`,
);
const LABEL_STAMP = defineSql(
  'agreement.label-stamp',
  `
  SELECT (SELECT count(*) FROM labels WHERE project_id = $1) AS labels,
         (SELECT max(updated_at) FROM labels WHERE project_id = $1) AS newest,
         (SELECT md5(coalesce(string_agg(id::text || ':' || coalesce(gold::text, ''), ',' ORDER BY id), ''))
            FROM items WHERE project_id = $1 AND is_gold) AS gold`,
);
const POSITIONS_OF_ITEMS = defineSql(
  'agreement.response-positions-of-items',
  `SELECT id, position FROM responses WHERE item_id = ANY($1::uuid[])`,
);
const POSITIONS_OF_PROJECT = defineSql(
  'agreement.response-positions-of-project',
  `SELECT r.id, r.position FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1`,
);
const LABELS = defineSql(
  'agreement.labels',
  `
  SELECT l.item_id, l.annotator_id, l.content, l.display_order[1] AS shown_first, l.time_spent_ms, l.origin,
         (extract(epoch FROM l.created_at) * 1000)::float8 AS at_ms
    FROM labels l JOIN items i ON i.id = l.item_id
   WHERE l.project_id = $1
     AND ($2::text IS NULL OR i.language = $2)
     AND ($3::text IS NULL OR i.specialty = $3)
     AND ($4::timestamptz IS NULL OR l.created_at >= $4)
     AND ($5::timestamptz IS NULL OR l.created_at < $5)
     AND ($6::uuid[] IS NULL OR l.annotator_id = ANY($6))`,
);
const USERNAMES = defineSql('agreement.usernames', `SELECT id, username FROM users WHERE id = ANY($1::uuid[])`);
const GOLD_ITEMS = defineSql('agreement.gold-items', `SELECT id, gold FROM items WHERE project_id = $1 AND is_gold`);
const ANNOTATOR_BY_ID = defineSql('agreement.annotator-by-id', `SELECT id, username FROM users WHERE id = $1`);
const ANNOTATOR_BY_USERNAME = defineSql(
  'agreement.annotator-by-username',
  `SELECT id, username FROM users WHERE lower(username) = lower($1)`,
);

/** What the agreement analytics read: a project's labels, with their annotators, response positions and gold answers. */
@Injectable()
export class AgreementLabelsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async project(by: 'id' | 'slug', value: string): Promise<AgreementProjectRow | null> {
    const [row]: AgreementProjectRow[] = await this.dataSource.query(
      (by === 'id' ? PROJECT_BY_ID : PROJECT_BY_SLUG).text,
      [value],
    );
    return row ?? null;
  }

  /** Count and newest change of the project's labels (an index-only scan) and a hash of its gold answers. */
  async labelStamp(projectId: string): Promise<{ labels: string; newest: Date | null; gold: string }> {
    const [row] = await this.dataSource.query(LABEL_STAMP.text, [projectId]);
    return row;
  }

  /** Positions of the responses of `items`, or of every item of the project when null. */
  responsePositions(projectId: string, items: string[] | null): Promise<{ id: string; position: number }[]> {
    return items
      ? this.dataSource.query(POSITIONS_OF_ITEMS.text, [items])
      : this.dataSource.query(POSITIONS_OF_PROJECT.text, [projectId]);
  }

  /** The project's labels matching the filter, of `onlyAnnotators` when given. */
  labels(
    projectId: string,
    filter: LabelFilterParameters,
    onlyAnnotators: string[] | null,
  ): Promise<AgreementLabelRow[]> {
    return this.dataSource.query(LABELS.text, [
      projectId,
      filter.language,
      filter.specialty,
      filter.from,
      filter.to,
      onlyAnnotators,
    ]);
  }

  usernames(userIds: string[]): Promise<{ id: string; username: string }[]> {
    return this.dataSource.query(USERNAMES.text, [userIds]);
  }

  goldItems<T>(projectId: string): Promise<{ id: string; gold: T | null }[]> {
    return this.dataSource.query(GOLD_ITEMS.text, [projectId]);
  }

  /** An annotator by id, or by username ignoring case. */
  async annotator(by: 'id' | 'username', value: string): Promise<{ id: string; username: string } | null> {
    const [row] = await this.dataSource.query((by === 'id' ? ANNOTATOR_BY_ID : ANNOTATOR_BY_USERNAME).text, [value]);
    return row ?? null;
  }
}
