import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
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
  ) {}

  async members(projectIdOrSlug: string): Promise<{ membersOnly: boolean; members: ProjectMember[] }> {
    const project = await this.projects.get(projectIdOrSlug);
    const membersOnly = project.settings?.membersOnly === true;
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name, u.languages, u.specialties, m.status, m.quota,
              (SELECT count(*)::int FROM assignments a WHERE a.project_id = $1 AND a.annotator_id = u.id AND a.status = 'submitted') AS submitted
         FROM users u LEFT JOIN project_members m ON m.project_id = $1 AND m.user_id = u.id
        WHERE u.role = 'annotator' AND u.kind = 'human' AND (u.active OR m.user_id IS NOT NULL)
        ORDER BY lower(u.username)`,
      [project.id],
    );
    const overlaps = (mine: string[], theirs: string[]) => theirs.length === 0 || mine.length === 0 || mine.some((value) => theirs.includes(value));
    return {
      membersOnly,
      members: rows.map((row) => {
        const status = (row.status as MemberStatus | null) ?? null;
        const quota = (row.quota as number | null) ?? null;
        const submitted = row.submitted as number;
        return {
          userId: row.id as string,
          username: row.username as string,
          displayName: row.display_name as string,
          languages: row.languages as string[],
          specialties: row.specialties as string[],
          matchesRouting: overlaps(row.languages as string[], project.languages) && overlaps(row.specialties as string[], project.specialties),
          status,
          quota,
          submitted,
          receivesTasks: status !== 'removed' && (!membersOnly || status === 'member') && (quota === null || submitted < quota),
        };
      }),
    };
  }

  /** Adds (`member`), removes, or returns a clinician to the default (`null`), with an optional quota of tasks; audited. */
  async setMember(projectIdOrSlug: string, userId: string, status: MemberStatus | null, quota: number | null, actor: Actor): Promise<void> {
    const project = await this.projects.get(projectIdOrSlug);
    if (quota !== null && (!Number.isInteger(quota) || quota < 0 || quota > 1_000_000)) throw new DomainError(ErrorCode.BadUserInput, 'quota must be a whole number from 0 to 1000000, or empty for none', 'quota');
    await this.dataSource.transaction(async (manager) => {
      const [user] = await manager.query(`SELECT id, role FROM users WHERE id = $1`, [userId]);
      if (!user) throw new DomainError(ErrorCode.NotFound, `No user ${userId}`, 'userId');
      if (user.role !== 'annotator') throw new DomainError(ErrorCode.BadUserInput, 'only annotators label projects', 'userId');
      const [before] = await manager.query(`SELECT status, quota FROM project_members WHERE project_id = $1 AND user_id = $2`, [project.id, userId]);
      if (status === null && quota === null) await manager.query(`DELETE FROM project_members WHERE project_id = $1 AND user_id = $2`, [project.id, userId]);
      else {
        await manager.query(
          `INSERT INTO project_members (project_id, user_id, status, quota) VALUES ($1, $2, $3, $4)
           ON CONFLICT (project_id, user_id) DO UPDATE SET status = EXCLUDED.status, quota = EXCLUDED.quota, updated_at = now()`,
          [project.id, userId, status ?? 'member', quota],
        );
      }
      await this.audit.record({ actor, action: 'project.member', entityType: 'user', entityId: userId, projectId: project.id, before: before ?? { status: 'default', quota: null }, after: { status: status ?? (quota === null ? 'default' : 'member'), quota } }, manager);
    });
  }

  /** Whether the project takes members only, or everyone its routing matches (minus those removed). */
  async setMembersOnly(projectIdOrSlug: string, membersOnly: boolean, actor: Actor): Promise<void> {
    const project = await this.projects.get(projectIdOrSlug);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE projects SET settings = settings || jsonb_build_object('membersOnly', $2::boolean) WHERE id = $1`, [project.id, membersOnly]);
      await this.audit.record({ actor, action: 'project.members_only', entityType: 'project', entityId: project.id, projectId: project.id, before: { membersOnly: project.settings?.membersOnly === true }, after: { membersOnly } }, manager);
    });
  }
}
