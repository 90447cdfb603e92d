import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, passwordProblem, type Role } from '@clinrank/domain';
import type { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig, type Actor } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { hashPassword } from './password-hasher.js';
import { UserEntity, type UserKind } from './user.entity.js';
import { UserRepository } from './user.repository.js';

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

function assertPasswordAcceptable(password: string, role: Role): void {
  const problem = passwordProblem(password, role);
  if (problem) throw new DomainError(ErrorCode.BadUserInput, `Invalid input: ${problem}`, 'password');
}

/** Only an admin may hand out the admin role; a lead creating accounts gets every other role. */
function assertMayGrant(actor: Actor, role: Role): void {
  if (role === 'admin' && actor.kind === 'user' && actor.role !== 'admin')
    throw new DomainError(ErrorCode.Forbidden, 'Only an admin can create or promote an admin', 'role');
}

function auditView(user: UserEntity) {
  const { passwordHash: _hidden, ...rest } = user;
  return rest;
}

/** The username an imported (non-login) annotator is stored under: `ext:<name>`, or `judge:<name>` for a model judge. */
export function externalAnnotatorUsername(name: string, kind: 'external' | 'judge'): string {
  return `${kind === 'judge' ? 'judge' : 'ext'}:${name}`;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: UserRepository,
  ) {}

  private get users() {
    return this.dataSource.getRepository(UserEntity);
  }

  async create(input: NewUser, actor: Actor): Promise<UserEntity> {
    if (input.isDemo && this.config.nodeEnv === 'production')
      throw new DomainError(ErrorCode.Forbidden, 'Demo accounts are refused when NODE_ENV=production');
    assertMayGrant(actor, input.role);
    // Demo accounts share the published password "demo" by design, and production refuses them.
    if (input.password !== null && !input.isDemo) assertPasswordAcceptable(input.password, input.role);
    const passwordHash = input.password === null ? null : await hashPassword(input.password);
    return this.dataSource.transaction(async (manager) => {
      if (await this.repository.usernameTaken(manager, input.username))
        throw new DomainError(ErrorCode.Conflict, `A user named "${input.username}" already exists`, 'username');
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
      await this.audit.record(
        { actor, action: 'user.create', entityType: 'user', entityId: saved.id, after: auditView(reloaded) },
        manager,
      );
      return reloaded;
    });
  }

  async update(id: string, changes: UserChanges, actor: Actor): Promise<UserEntity> {
    if (changes.role) assertMayGrant(actor, changes.role);
    const updated = await this.dataSource.transaction(async (manager) => {
      const activeAdmins = await this.lockActiveAdmins(manager);
      const before = await manager.findOne(UserEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw new DomainError(ErrorCode.NotFound, `No user with id ${id}`, 'id');
      const losesAdmin =
        before.role === 'admin' &&
        before.active &&
        before.kind === 'human' &&
        ((changes.role !== undefined && changes.role !== 'admin') || changes.active === false);
      if (losesAdmin && activeAdmins.length <= 1) {
        throw new DomainError(
          ErrorCode.Conflict,
          `${before.username} is the last active admin; make another admin first`,
          changes.active === false ? 'active' : 'role',
        );
      }
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      await manager.update(UserEntity, { id }, defined);
      const revokesSessions =
        (changes.role !== undefined && changes.role !== before.role) || (changes.active === false && before.active);
      if (revokesSessions) await this.revokeTokens(manager, id);
      const after = await manager.findOneByOrFail(UserEntity, { id });
      await this.audit.record(
        {
          actor,
          action: 'user.update',
          entityType: 'user',
          entityId: id,
          before: auditView(before),
          after: auditView(after),
        },
        manager,
      );
      return after;
    });
    this.repository.forgetSession(id);
    return updated;
  }

  /** Sets a new password and ends every session the user has. */
  async resetPassword(id: string, password: string, actor: Actor): Promise<UserEntity> {
    const target = await this.findById(id);
    if (target.kind !== 'human')
      throw new DomainError(
        ErrorCode.BadUserInput,
        `${target.username} is an ${target.kind} annotator and cannot sign in`,
        'id',
      );
    assertPasswordAcceptable(password, target.role);
    const passwordHash = await hashPassword(password);
    const reset = await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { id });
      if (!user) throw new DomainError(ErrorCode.NotFound, `No user with id ${id}`, 'id');
      await manager.update(UserEntity, { id }, { passwordHash });
      await this.revokeTokens(manager, id);
      await this.audit.record({ actor, action: 'user.reset_password', entityType: 'user', entityId: id }, manager);
      return user;
    });
    this.repository.forgetSession(id);
    return reset;
  }

  /** Locks the active admins' rows (in id order) so two admins cannot demote each other at once and leave none. */
  private async lockActiveAdmins(manager: EntityManager): Promise<{ id: string }[]> {
    return this.repository.lockActiveAdmins(manager);
  }

  private async revokeTokens(manager: EntityManager, id: string): Promise<void> {
    await this.repository.revokeTokens(manager, id);
  }

  async findById(id: string): Promise<UserEntity> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new DomainError(ErrorCode.NotFound, `No user with id ${id}`, 'id');
    return user;
  }

  async list(filter: {
    role?: Role;
    search?: string;
    limit: number;
    offset: number;
  }): Promise<{ users: UserEntity[]; total: number }> {
    const builder = this.users.createQueryBuilder('u');
    if (filter.role) builder.andWhere('u.role = :role', { role: filter.role });
    if (filter.search)
      builder.andWhere('(u.username ILIKE :search OR u.display_name ILIKE :search)', { search: `%${filter.search}%` });
    const [users, total] = await builder.orderBy('u.username').take(filter.limit).skip(filter.offset).getManyAndCount();
    return { users, total };
  }

  /** Finds or creates a non-login annotator for imported labels (e.g. "assessor-1", or an automated judge). */
  async ensureExternalAnnotator(
    name: string,
    kind: 'external' | 'judge',
    actor: Actor,
    manager = this.dataSource.manager,
  ): Promise<string> {
    const username = externalAnnotatorUsername(name, kind);
    const existing = await this.repository.idByUsername(manager, username);
    if (existing) return existing;
    const inserted = await this.repository.insertExternalAnnotator(manager, username, name, kind);
    await this.audit.record(
      { actor, action: 'user.create_external', entityType: 'user', entityId: inserted, after: { username, kind } },
      manager,
    );
    return inserted;
  }
}
