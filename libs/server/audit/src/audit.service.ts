import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorUserId, describeActor, type Actor } from '@clinrank/server-core';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { auditChanges, auditSummary, csvRow, type AuditChange } from './audit-summary.js';

/** An audit entry as a person reads it: who by name, what object by name, and what changed. */
export interface ReadableAuditEntry {
  entry: AuditEntryEntity;
  actorName: string | null;
  entityName: string | null;
  projectName: string | null;
  changes: AuditChange[];
  summary: string;
}

/** Where each audited object's readable name lives. */
const ENTITY_NAMES: Record<string, string> = {
  project: `SELECT id::text AS id, name FROM projects WHERE id::text = ANY($1)`,
  user: `SELECT id::text AS id, display_name || ' (' || username || ')' AS name FROM users WHERE id::text = ANY($1)`,
  item: `SELECT id::text AS id, external_id AS name FROM items WHERE id::text = ANY($1)`,
  label: `SELECT l.id::text AS id, i.external_id AS name FROM labels l JOIN items i ON i.id = l.item_id WHERE l.id::text = ANY($1)`,
  dataset_snapshot: `SELECT id::text AS id, coalesce(name, left(id::text, 8)) AS name FROM dataset_snapshots WHERE id::text = ANY($1)`,
  training_run: `SELECT id::text AS id, kind || ' ' || left(id::text, 8) AS name FROM training_runs WHERE id::text = ANY($1)`,
};

/** Most rows one CSV export holds; the caller narrows the filters for more. */
export const AUDIT_CSV_MAX_ROWS = 50_000;

export interface AuditRecord {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  projectId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

export interface AuditQuery {
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

/** Append-only record of who changed or exported what. Writes join the caller's transaction when given its manager. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditEntryEntity, {
      actor: describeActor(entry.actor),
      actorUserId: actorUserId(entry.actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      projectId: entry.projectId ?? null,
      before: (entry.before ?? null) as object,
      after: (entry.after ?? null) as object,
      details: (entry.details ?? null) as object,
    });
  }

  /** A page of the log with names and a before → after summary per entry. */
  async readable(query: AuditQuery): Promise<{ entries: ReadableAuditEntry[]; total: number }> {
    const { entries, total } = await this.list(query);
    return { entries: await this.withNames(entries), total };
  }

  /** The actions and object types the log holds, for the page's filter choices. */
  async facets(): Promise<{ actions: string[]; entityTypes: string[] }> {
    const [actions, types] = await Promise.all([
      this.dataSource.query(`SELECT DISTINCT action FROM audit_log ORDER BY action`),
      this.dataSource.query(`SELECT DISTINCT entity_type FROM audit_log ORDER BY entity_type`),
    ]);
    return { actions: actions.map((row: { action: string }) => row.action), entityTypes: types.map((row: { entity_type: string }) => row.entity_type) };
  }

  /** The filtered log as CSV (newest first, at most AUDIT_CSV_MAX_ROWS rows); the export itself is audited. */
  async csv(query: Omit<AuditQuery, 'limit' | 'offset'>, actor: Actor): Promise<{ csv: string; rows: number; total: number; truncated: boolean }> {
    const { entries, total } = await this.readable({ ...query, limit: AUDIT_CSV_MAX_ROWS, offset: 0 });
    const header = csvRow(['at', 'actor', 'actor_name', 'action', 'object_type', 'object_id', 'object_name', 'project', 'summary']);
    const lines = entries.map(({ entry, actorName, entityName, projectName, summary }) =>
      csvRow([entry.at.toISOString(), entry.actor, actorName, entry.action, entry.entityType, entry.entityId, entityName, projectName, summary]),
    );
    await this.record({ actor, action: 'audit.export', entityType: 'audit_log', details: { filters: { ...query }, rows: entries.length, total } });
    return { csv: [header, ...lines].join('\r\n') + '\r\n', rows: entries.length, total, truncated: total > entries.length };
  }

  private async withNames(entries: AuditEntryEntity[]): Promise<ReadableAuditEntry[]> {
    const userIds = [...new Set(entries.map((entry) => entry.actorUserId).filter((id): id is string => id !== null))];
    const projectIds = [...new Set(entries.map((entry) => entry.projectId).filter((id): id is string => id !== null))];
    const actors = await this.namesOf('user', userIds);
    const projects = await this.namesOf('project', projectIds);
    const objects = new Map<string, Map<string, string>>();
    for (const type of Object.keys(ENTITY_NAMES)) {
      const ids = [...new Set(entries.filter((entry) => entry.entityType === type && entry.entityId).map((entry) => entry.entityId!))];
      if (ids.length) objects.set(type, await this.namesOf(type, ids));
    }
    return entries.map((entry) => {
      const changes = auditChanges(entry.before, entry.after);
      return {
        entry,
        actorName: entry.actorUserId ? (actors.get(entry.actorUserId) ?? null) : null,
        entityName: entry.entityId ? (objects.get(entry.entityType)?.get(entry.entityId) ?? null) : null,
        projectName: entry.projectId ? (projects.get(entry.projectId) ?? null) : null,
        changes,
        summary: auditSummary(changes),
      };
    });
  }

  private async namesOf(type: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0 || !ENTITY_NAMES[type]) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(ENTITY_NAMES[type], [ids]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async list(query: AuditQuery): Promise<{ entries: AuditEntryEntity[]; total: number }> {
    const builder = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a');
    if (query.actor) builder.andWhere('a.actor ILIKE :actor', { actor: `%${query.actor}%` });
    if (query.action) builder.andWhere('a.action = :action', { action: query.action });
    if (query.entityType) builder.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.projectId) builder.andWhere('a.project_id = :projectId', { projectId: query.projectId });
    if (query.from) builder.andWhere('a.at >= :from', { from: query.from });
    if (query.to) builder.andWhere('a.at < :to', { to: query.to });
    const [entries, total] = await builder.orderBy('a.id', 'DESC').take(query.limit).skip(query.offset).getManyAndCount();
    return { entries, total };
  }
}
