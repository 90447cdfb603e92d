import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  pairwiseProjectWithAnnotator,
  startMediumContext,
  type MediumContext,
} from '../../../../test-support/medium-services.js';
import { ProjectMemberEntity } from './project-member.entity.js';
import { ProjectMembersRepository } from './project-members.repository.js';
import { ProjectRepository } from './project.repository.js';

describe('ProjectRepository and ProjectMembersRepository (real PostgreSQL)', () => {
  let context: MediumContext;
  beforeAll(async () => {
    context = await startMediumContext();
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  it('finds a project by id or by slug, and nothing for an unknown one or a UUID-shaped slug', async () => {
    const { project } = await pairwiseProjectWithAnnotator(context, 'medium-lookup');
    const repository = new ProjectRepository(context.dataSource);
    expect((await repository.findByIdOrSlug(project.id))?.slug).toBe('medium-lookup');
    expect((await repository.findByIdOrSlug(project.id.toUpperCase()))?.slug).toBe('medium-lookup');
    expect((await repository.findByIdOrSlug('medium-lookup'))?.id).toBe(project.id);
    expect(await repository.findByIdOrSlug('no-such-project')).toBeNull();
    expect(await repository.findByIdOrSlug('------------------------------------')).toBeNull();
  });

  it('adds, updates and deletes a membership, seen through the entity and the members list', async () => {
    const { project, annotator } = await pairwiseProjectWithAnnotator(context, 'medium-members');
    const repository = new ProjectMembersRepository(context.dataSource);
    const manager = context.dataSource.manager;
    await repository.upsertMembership(manager, project.id, annotator.id, 'member', 5);
    await repository.upsertMembership(manager, project.id, annotator.id, 'removed', null);
    expect(await repository.membership(manager, project.id, annotator.id)).toEqual({ status: 'removed', quota: null });
    const entity = await context.dataSource
      .getRepository(ProjectMemberEntity)
      .findOneByOrFail({ projectId: project.id, userId: annotator.id });
    expect(entity).toMatchObject({ status: 'removed', quota: null });
    expect(entity.updatedAt).toBeInstanceOf(Date);
    expect((await repository.members(project.id)).find((row) => row.id === annotator.id)).toMatchObject({
      status: 'removed',
      submitted: 0,
    });
    await repository.deleteMembership(manager, project.id, annotator.id);
    expect(await repository.membership(manager, project.id, annotator.id)).toBeNull();
  });
});
