import { Injectable } from '@nestjs/common';
import { auditChanges, auditSummary, csvRow, type AuditChange } from '@clinrank/domain';
import type { EntityManager } from 'typeorm';
import { actorUserId, describeActor, type Actor } from '@clinrank/server-core';
import { AuditEntryEntity } from './audit-entry.entity.js';
import { AuditRepository, NAMED_OBJECT_TYPES, type AuditFilter, type NamedObjectType } from './audit.repository.js';

/** An audit entry as a person reads it: who by name, what object by name, and what changed. */
export interface ReadableAuditEntry {
  entry: AuditEntryEntity;
  actorName: string | null;
  entityName: string | null;
  projectName: string | null;
  changes: AuditChange[];
  summary: string;
}

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

export type AuditQuery = AuditFilter;

/** Append-only record of who changed or exported what. Writes join the caller's transaction when given its manager. */
@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  async record(entry: AuditRecord, manager?: EntityManager): Promise<void> {
    await this.repository.insert(
      {
        actor: describeActor(entry.actor),
        actorUserId: actorUserId(entry.actor),
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId ?? null,
        projectId: entry.projectId ?? null,
        before: entry.before ?? null,
        after: entry.after ?? null,
        details: entry.details ?? null,
      },
      manager,
    );
  }

  /** A page of the log with names and a before → after summary per entry. */
  async readable(query: AuditQuery): Promise<{ entries: ReadableAuditEntry[]; total: number }> {
    const { entries, total } = await this.list(query);
    return { entries: await this.withNames(entries), total };
  }

  /** The actions and object types the log holds, for the page's filter choices. */
  async facets(): Promise<{ actions: string[]; entityTypes: string[] }> {
    const [actions, entityTypes] = await Promise.all([
      this.repository.distinctActions(),
      this.repository.distinctEntityTypes(),
    ]);
    return { actions, entityTypes };
  }

  /** The filtered log as CSV (newest first, at most AUDIT_CSV_MAX_ROWS rows); the export itself is audited. */
  async csv(
    query: Omit<AuditQuery, 'limit' | 'offset'>,
    actor: Actor,
  ): Promise<{ csv: string; rows: number; total: number; truncated: boolean }> {
    const { entries, total } = await this.readable({ ...query, limit: AUDIT_CSV_MAX_ROWS, offset: 0 });
    const header = csvRow([
      'at',
      'actor',
      'actor_name',
      'action',
      'object_type',
      'object_id',
      'object_name',
      'project',
      'summary',
    ]);
    const lines = entries.map(({ entry, actorName, entityName, projectName, summary }) =>
      csvRow([
        entry.at.toISOString(),
        entry.actor,
        actorName,
        entry.action,
        entry.entityType,
        entry.entityId,
        entityName,
        projectName,
        summary,
      ]),
    );
    await this.record({
      actor,
      action: 'audit.export',
      entityType: 'audit_log',
      details: { filters: { ...query }, rows: entries.length, total },
    });
    return {
      csv: [header, ...lines].join('\r\n') + '\r\n',
      rows: entries.length,
      total,
      truncated: total > entries.length,
    };
  }

  private async withNames(entries: AuditEntryEntity[]): Promise<ReadableAuditEntry[]> {
    const userIds = [...new Set(entries.map((entry) => entry.actorUserId).filter((id): id is string => id !== null))];
    const projectIds = [...new Set(entries.map((entry) => entry.projectId).filter((id): id is string => id !== null))];
    const actors = await this.namesOf('user', userIds);
    const projects = await this.namesOf('project', projectIds);
    const objects = new Map<string, Map<string, string>>();
    for (const type of NAMED_OBJECT_TYPES) {
      const ids = [
        ...new Set(
          entries.filter((entry) => entry.entityType === type && entry.entityId).map((entry) => entry.entityId!),
        ),
      ];
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

  private async namesOf(type: NamedObjectType, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repository.namesOf(type, ids);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async list(query: AuditQuery): Promise<{ entries: AuditEntryEntity[]; total: number }> {
    return this.repository.page(query);
  }
}
