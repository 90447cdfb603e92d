import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

export interface MemberRow {
  id: string;
  username: string;
  display_name: string;
  languages: string[];
  specialties: string[];
  status: 'member' | 'removed' | null;
  quota: number | null;
  submitted: number;
}

export interface MembershipRow {
  status: 'member' | 'removed';
  quota: number | null;
}

const MEMBERS = defineSql(
  'project.members',
  `
    SELECT u.id, u.username, u.display_name, u.languages, u.specialties, m.status, m.quota,
          (SELECT count(*)::int FROM tasks a WHERE a.project_id = $1 AND a.annotator_id = u.id AND a.status = 'submitted') AS submitted
     FROM users u LEFT JOIN project_members m ON m.project_id = $1 AND m.user_id = u.id
    WHERE u.role = 'annotator' AND u.kind = 'human' AND (u.active OR m.user_id IS NOT NULL)
    ORDER BY lower(u.username)`,
);
const MEMBERSHIP = defineSql(
  'project.membership',
  `SELECT status, quota FROM project_members WHERE project_id = $1 AND user_id = $2`,
);
const DELETE_MEMBERSHIP = defineSql(
  'project.delete-membership',
  `DELETE FROM project_members WHERE project_id = $1 AND user_id = $2`,
);
const UPSERT_MEMBERSHIP = defineSql(
  'project.upsert-membership',
  `
   INSERT INTO project_members (project_id, user_id, status, quota) VALUES ($1, $2, $3, $4)
   ON CONFLICT (project_id, user_id) DO UPDATE SET status = EXCLUDED.status, quota = EXCLUDED.quota, updated_at = now()`,
);

/** The project_members table's owner. */
@Injectable()
export class ProjectMembersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every human annotator who is active or has a membership row, with that row and their submitted count here. */
  async members(projectId: string): Promise<MemberRow[]> {
    return this.dataSource.query(MEMBERS.text, [projectId]);
  }

  async membership(manager: EntityManager, projectId: string, userId: string): Promise<MembershipRow | null> {
    const [row]: MembershipRow[] = await manager.query(MEMBERSHIP.text, [projectId, userId]);
    return row ?? null;
  }

  async deleteMembership(manager: EntityManager, projectId: string, userId: string): Promise<void> {
    await manager.query(DELETE_MEMBERSHIP.text, [projectId, userId]);
  }

  async upsertMembership(
    manager: EntityManager,
    projectId: string,
    userId: string,
    status: 'member' | 'removed',
    quota: number | null,
  ): Promise<void> {
    await manager.query(UPSERT_MEMBERSHIP.text, [projectId, userId, status, quota]);
  }
}
