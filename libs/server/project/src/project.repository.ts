import { Injectable } from '@nestjs/common';
import { isUuid } from '@clinrank/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { defineSql } from '@clinrank/server-core';
import { ProjectEntity } from './project.entity.js';

/** What routing needs to know about a reader of guidelines. */
export interface RoutedAnnotator {
  userId: string;
  languages: string[];
  specialties: string[];
}

const HAS_LABELS = defineSql('project.has-labels', `SELECT 1 FROM labels WHERE project_id = $1 LIMIT 1`);
const IS_ROUTED_TO = defineSql(
  'project.is-routed-to',
  `
      SELECT 1 WHERE EXISTS (SELECT 1 FROM tasks a WHERE a.project_id = $1 AND a.annotator_id = $2)
      OR EXISTS (SELECT 1 FROM items i WHERE i.project_id = $1
                    AND (cardinality($3::text[]) = 0 OR i.language = ANY($3))
                    AND (cardinality($4::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($4)))`,
);
const SET_MEMBERS_ONLY = defineSql(
  'project.set-members-only',
  `UPDATE projects SET settings = settings || jsonb_build_object('membersOnly', $2::boolean) WHERE id = $1`,
);

/** The projects table's owner, and the one place a project is looked up by id or slug. */
@Injectable()
export class ProjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The project whose id (a UUID) or slug (anything else) is `idOrSlug`, or null. */
  async findByIdOrSlug(
    idOrSlug: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProjectEntity | null> {
    return manager.findOneBy(ProjectEntity, isUuid(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug });
  }

  async hasLabels(manager: EntityManager, projectId: string): Promise<boolean> {
    return (await manager.query(HAS_LABELS.text, [projectId])).length > 0;
  }

  /** Whether the queue routes the annotator to the project (items in their languages and specialties) or they have worked in it. */
  async isRoutedTo(projectId: string, annotator: RoutedAnnotator): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(IS_ROUTED_TO.text, [
      projectId,
      annotator.userId,
      annotator.languages,
      annotator.specialties,
    ]);
    return rows.length > 0;
  }

  async setMembersOnly(manager: EntityManager, projectId: string, membersOnly: boolean): Promise<void> {
    await manager.query(SET_MEMBERS_ONLY.text, [projectId, membersOnly]);
  }
}
