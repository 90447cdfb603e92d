import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type Role } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import type { Actor } from '../../core/auth/principal.js';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from './password-hasher.js';
import { UserEntity, type UserKind } from './user.entity.js';

export interface NewUser {
  username: string;
  displayName?: string;
  role: Role;
  password: string | null;
  languages?: string[];
  specialties?: string[];
  kind?: UserKind;
  isDemo?: boolean;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  languages?: string[];
  specialties?: string[];
  active?: boolean;
}

function auditView(user: UserEntity) {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get users() {
    return this.dataSource.getRepository(UserEntity);
  }

  async create(input: NewUser, actor: Actor): Promise<UserEntity> {
    if (input.isDemo && this.config.nodeEnv === 'production') throw new DomainError(ErrorCode.Forbidden, 'Demo accounts are refused when NODE_ENV=production');
    const passwordHash = input.password === null ? null : await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      const taken = await manager.query(`SELECT 1 FROM users WHERE lower(username) = lower($1)`, [input.username]);
      if (taken.length > 0) throw new DomainError(ErrorCode.Conflict, `A user named "${input.username}" already exists`, 'username');
      const user = manager.create(UserEntity, {
        username: input.username,
        displayName: input.displayName?.trim() || input.username,
        role: input.role,
        kind: input.kind ?? 'human',
        passwordHash,
        languages: input.languages ?? [],
        specialties: input.specialties ?? [],
        active: true,
        isDemo: input.isDemo ?? false,
      });
      const saved = await manager.save(user);
      const reloaded = await manager.findOneByOrFail(UserEntity, { id: saved.id });
      await this.audit.record({ actor, action: 'user.create', entityType: 'user', entityId: saved.id, after: auditView(reloaded) }, manager);
      return reloaded;
    });
  }

  async update(id: string, changes: UserChanges, actor: Actor): Promise<UserEntity> {
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new DomainError(ErrorCode.NotFound, `No user with id ${id}`, 'id');
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      await manager.update(UserEntity, { id }, defined);
      const after = await manager.findOneByOrFail(UserEntity, { id });
      await this.audit.record({ actor, action: 'user.update', entityType: 'user', entityId: id, before: auditView(before), after: auditView(after) }, manager);
      return after;
    });
  }

  async resetPassword(id: string, password: string, actor: Actor): Promise<UserEntity> {
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { id });
      if (!user) throw new DomainError(ErrorCode.NotFound, `No user with id ${id}`, 'id');
      if (user.kind !== 'human') throw new DomainError(ErrorCode.BadUserInput, `${user.username} is an ${user.kind} annotator and cannot sign in`, 'id');
      await manager.update(UserEntity, { id }, { passwordHash });
      await this.audit.record({ actor, action: 'user.reset_password', entityType: 'user', entityId: id }, manager);
      return user;
    });
  }

  async findById(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new DomainError(ErrorCode.NotFound, `No user with id ${id}`, 'id');
    return user;
  }

  async list(filter: { role?: Role; search?: string; limit: number; offset: number }): Promise<{ users: UserEntity[]; total: number }> {
    const builder = this.users.createQueryBuilder('u');
    if (filter.role) builder.andWhere('u.role = :role', { role: filter.role });
    if (filter.search) builder.andWhere('(u.username ILIKE :search OR u.display_name ILIKE :search)', { search: `%${filter.search}%` });
    const [users, total] = await builder.orderBy('u.username').take(filter.limit).skip(filter.offset).getManyAndCount();
    return { users, total };
  }

  /** Finds or creates a non-login annotator for imported labels (e.g. "assessor-1", or an automated judge). */
  async ensureExternalAnnotator(name: string, kind: 'external' | 'judge', actor: Actor, manager = this.dataSource.manager): Promise<string> {
    const username = `${kind === 'judge' ? 'judge' : 'ext'}:${name}`;
    const existing: { id: string }[] = await manager.query(`SELECT id FROM users WHERE lower(username) = lower($1)`, [username]);
    if (existing[0]) return existing[0].id;
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO users (username, display_name, role, kind) VALUES ($1, $2, 'annotator', $3)
       ON CONFLICT (lower(username)) DO UPDATE SET updated_at = users.updated_at RETURNING id`,
      [username, name, kind],
    );
    await this.audit.record({ actor, action: 'user.create_external', entityType: 'user', entityId: inserted[0].id, after: { username, kind } }, manager);
    return inserted[0].id;
  }
}
