import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { defineSql } from '@clinrank/server-core';
import { AuditEntryEntity } from './audit-entry.entity.js';

/** One audit row to append; JSON columns take plain values. */
export interface AuditEntryRow {
  actor: string;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  projectId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  projectId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** SQL expressions (parameters, literals or CTE columns) for the audit row an outer statement writes. */
export interface AuditInsertExpressions {
  actor: string;
  actorUserId: string;
  action: string;
  entityType: string;
  entityId: string;
  projectId: string;
  after: string;
  details: string;
  /** The CTE (or table) the row is selected from; no row there, no audit row. */
  from: string;
}

export interface NamedRow {
  id: string;
  name: string;
}

const DISTINCT_ACTIONS = defineSql('audit.distinct-actions', `SELECT DISTINCT action FROM audit_log ORDER BY action`);
/**
 * The log's object types, read as a skip scan of `audit_log_entity`: each step descends the index to the first entry
 * past the type before it, so the statement reads a few buffers per type, not every row. A plain DISTINCT read the
 * whole log on every visit to the audit page: 84 ms and 18,173 buffers at a million rows, against 0.18 ms and 28
 * (`bench/audit-facets.mjs`; BENCHMARKS.md, "the audit page's choices").
 */
const DISTINCT_ENTITY_TYPES = defineSql(
  'audit.distinct-entity-types',
  `WITH RECURSIVE types AS (
     (SELECT entity_type FROM audit_log ORDER BY entity_type LIMIT 1)
     UNION ALL
     SELECT (SELECT a.entity_type FROM audit_log a WHERE a.entity_type > t.entity_type ORDER BY a.entity_type LIMIT 1)
       FROM types t WHERE t.entity_type IS NOT NULL
   )
   SELECT entity_type FROM types WHERE entity_type IS NOT NULL`,
);

/** Where each audited object's readable name lives. */
const NAMES_BY_TYPE = {
  project: defineSql('audit.names-of-projects', `SELECT id::text AS id, name FROM projects WHERE id::text = ANY($1)`),
  user: defineSql(
    'audit.names-of-users',
    `SELECT id::text AS id, display_name || ' (' || username || ')' AS name FROM users WHERE id::text = ANY($1)`,
  ),
  item: defineSql(
    'audit.names-of-items',
    `SELECT id::text AS id, external_id AS name FROM items WHERE id::text = ANY($1)`,
  ),
  label: defineSql(
    'audit.names-of-labels',
    `SELECT l.id::text AS id, i.external_id AS name FROM labels l JOIN items i ON i.id = l.item_id WHERE l.id::text = ANY($1)`,
  ),
  dataset_snapshot: defineSql(
    'audit.names-of-dataset-snapshots',
    `SELECT id::text AS id, coalesce(name, left(id::text, 8)) AS name FROM dataset_snapshots WHERE id::text = ANY($1)`,
  ),
  training_run: defineSql(
    'audit.names-of-training-runs',
    `SELECT id::text AS id, kind || ' ' || left(id::text, 8) AS name FROM training_runs WHERE id::text = ANY($1)`,
  ),
} as const;

export type NamedObjectType = keyof typeof NAMES_BY_TYPE;

export const NAMED_OBJECT_TYPES = Object.keys(NAMES_BY_TYPE) as NamedObjectType[];

/** The audit_log table's one owner: every statement that reads or writes it is here. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The `INSERT INTO audit_log … SELECT … FROM <cte>` fragment a single-statement write embeds as one of its CTEs, so the
   * audit row is written in the same round trip (the label submit statement uses it).
   */
  static insertFromCte(values: AuditInsertExpressions): string {
    return `INSERT INTO audit_log (actor, actor_user_id, action, entity_type, entity_id, project_id, after, details)
     SELECT ${values.actor}, ${values.actorUserId}, ${values.action}, ${values.entityType}, ${values.entityId}, ${values.projectId}, ${values.after}, ${values.details} FROM ${values.from}`;
  }

  /** Appends one entry, inside the caller's transaction when given its manager. */
  async insert(entry: AuditEntryRow, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditEntryEntity, {
      ...entry,
      before: entry.before as object,
      after: entry.after as object,
      details: entry.details as object,
    });
  }

  /** A page of entries, newest first, with the total matching the filter. */
  async page(filter: AuditFilter): Promise<{ entries: AuditEntryEntity[]; total: number }> {
    const [entries, total] = await this.pageQuery(filter).getManyAndCount();
    return { entries, total };
  }

  /** The page's query: the filters, newest first by id, one page long. */
  pageQuery(filter: AuditFilter): SelectQueryBuilder<AuditEntryEntity> {
    const builder = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (filter.actor) builder.andWhere('a.actor ILIKE :actor', { actor: `%${filter.actor}%` });
    if (filter.action) builder.andWhere('a.action = :action', { action: filter.action });
    if (filter.entityType) builder.andWhere('a.entity_type = :entityType', { entityType: filter.entityType });
    if (filter.entityId) builder.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.projectId) builder.andWhere('a.project_id = :projectId', { projectId: filter.projectId });
    if (filter.from) builder.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('a.at < :to', { to: filter.to });
    return builder.orderBy('a.id', 'DESC').take(filter.limit).skip(filter.offset);
  }

  async distinctActions(): Promise<string[]> {
    const rows: { action: string }[] = await this.dataSource.query(DISTINCT_ACTIONS.text);
    return rows.map((row) => row.action);
  }

  async distinctEntityTypes(): Promise<string[]> {
    const rows: { entity_type: string }[] = await this.dataSource.query(DISTINCT_ENTITY_TYPES.text);
    return rows.map((row) => row.entity_type);
  }

  /** Readable names of audited objects of one type, by id. */
  async namesOf(type: NamedObjectType, ids: string[]): Promise<NamedRow[]> {
    return this.dataSource.query(NAMES_BY_TYPE[type].text, [ids]);
  }
}
