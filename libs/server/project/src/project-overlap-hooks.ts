import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ProjectEntity } from './project.entity.js';

/** Runs in the project update's transaction after a project's overlap settings changed. */
export type OverlapChangedHandler = (manager: EntityManager, project: ProjectEntity) => Promise<void>;

/**
 * Lets the queue re-decide every item's overlap when a lead changes a project's overlap settings, without the project
 * feature depending on the queue: the task feature registers its handler here.
 */
@Injectable()
export class ProjectOverlapHooks {
  private readonly handlers: OverlapChangedHandler[] = [];

  onOverlapChanged(handler: OverlapChangedHandler): void {
    this.handlers.push(handler);
  }

  async overlapChanged(manager: EntityManager, project: ProjectEntity): Promise<void> {
    for (const handler of this.handlers) await handler(manager, project);
  }
}
