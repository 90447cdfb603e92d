import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { UserEntity } from '@clinrank/server-identity';
import { ProjectMembersRepository } from './project-members.repository.js';
import { ProjectRepository } from './project.repository.js';
import { ProjectService } from './project.service.js';

export type MemberStatus = 'member' | 'removed';

export interface ProjectMember {
  userId: string;
  username: string;
  displayName: string;
  languages: string[];
  specialties: string[];
  /** The clinician's languages and specialties meet the project's (projects without any take everyone). */
  matchesRouting: boolean;
  /** The lead's choice; null = the default (routing decides). */
  status: MemberStatus | null;
  quota: number | null;
  submitted: number;
  /** Receives tasks: not removed, a member when the project takes members only, and under quota. */
  receivesTasks: boolean;
}

/** Who labels a project: everyone its routing matches by default; a lead adds or removes clinicians and sets quotas. */
@Injectable()
export class ProjectMembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectService,
    private readonly audit: AuditService,
    private readonly repository: ProjectMembersRepository,
    private readonly projectRepository: ProjectRepository,
  ) {}

  async members(projectIdOrSlug: string): Promise<{ membersOnly: boolean; members: ProjectMember[] }> {
    const project = await this.projects.get(projectIdOrSlug);
    const membersOnly = project.settings?.membersOnly === true;
    const rows = await this.repository.members(project.id);
    const overlaps = (mine: string[], theirs: string[]) =>
      theirs.length === 0 || mine.length === 0 || mine.some((value) => theirs.includes(value));
    return {
      membersOnly,
      members: rows.map((row) => {
        const status = row.status ?? null;
        const quota = row.quota ?? null;
        const submitted = row.submitted;
        return {
          userId: row.id,
          username: row.username,
          displayName: row.display_name,
          languages: row.languages,
          specialties: row.specialties,
          matchesRouting: overlaps(row.languages, project.languages) && overlaps(row.specialties, project.specialties),
          status,
          quota,
          submitted,
          receivesTasks:
            status !== 'removed' && (!membersOnly || status === 'member') && (quota === null || submitted < quota),
        };
      }),
    };
  }

  /** Adds (`member`), removes, or returns a clinician to the default (`null`), with an optional quota of tasks; audited. */
  async setMember(
    projectIdOrSlug: string,
    userId: string,
    status: MemberStatus | null,
    quota: number | null,
    actor: Actor,
  ): Promise<void> {
    const project = await this.projects.get(projectIdOrSlug);
    if (quota !== null && (!Number.isInteger(quota) || quota < 0 || quota > 1_000_000))
      throw new DomainError(
        ErrorCode.BadUserInput,
        'quota must be a whole number from 0 to 1000000, or empty for none',
        'quota',
      );
    await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { id: userId });
      if (!user) throw new DomainError(ErrorCode.NotFound, `No user ${userId}`, 'userId');
      if (user.role !== 'annotator')
        throw new DomainError(ErrorCode.BadUserInput, 'only annotators label projects', 'userId');
      const before = await this.repository.membership(manager, project.id, userId);
      if (status === null && quota === null) await this.repository.deleteMembership(manager, project.id, userId);
      else await this.repository.upsertMembership(manager, project.id, userId, status ?? 'member', quota);
      await this.audit.record(
        {
          actor,
          action: 'project.member',
          entityType: 'user',
          entityId: userId,
          projectId: project.id,
          before: before ?? { status: 'default', quota: null },
          after: { status: status ?? (quota === null ? 'default' : 'member'), quota },
        },
        manager,
      );
    });
  }

  /** Whether the project takes members only, or everyone its routing matches (minus those removed). */
  async setMembersOnly(projectIdOrSlug: string, membersOnly: boolean, actor: Actor): Promise<void> {
    const project = await this.projects.get(projectIdOrSlug);
    await this.dataSource.transaction(async (manager) => {
      await this.projectRepository.setMembersOnly(manager, project.id, membersOnly);
      await this.audit.record(
        {
          actor,
          action: 'project.members_only',
          entityType: 'project',
          entityId: project.id,
          projectId: project.id,
          before: { membersOnly: project.settings?.membersOnly === true },
          after: { membersOnly },
        },
        manager,
      );
    });
  }
}
