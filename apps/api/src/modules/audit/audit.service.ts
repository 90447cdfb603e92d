import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { actorUserId, describeActor, type Actor } from '../../core/auth/principal.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

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
