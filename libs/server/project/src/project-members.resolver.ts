import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, Roles } from '@clinrank/server-core';
import {
  ProjectMemberDto,
  ProjectMembershipDto,
  SetMembersOnlyInput,
  SetProjectMemberInput,
} from './dto/project-members.dto.js';
import { ProjectMembersService } from './project-members.service.js';

/** Who labels a project, and how much: leads and admins only. */
@Resolver()
@Roles('lead', 'admin')
export class ProjectMembersResolver {
  constructor(private readonly membership: ProjectMembersService) {}

  @Query(() => ProjectMembershipDto, {
    description: 'Every annotator with routing match, membership, quota and whether they receive tasks.',
  })
  async projectMembers(@Args('projectId', { type: () => ID }) projectId: string): Promise<ProjectMembershipDto> {
    const { membersOnly, members } = await this.membership.members(projectId);
    return { membersOnly, members: members.map(ProjectMemberDto.from) };
  }

  @Mutation(() => ProjectMembershipDto, {
    description: 'Adds, removes or resets a clinician, with an optional quota. Audited.',
  })
  async setProjectMember(
    @Args('input') input: SetProjectMemberInput,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProjectMembershipDto> {
    await this.membership.setMember(
      input.projectId,
      input.userId,
      input.status ?? null,
      input.quota ?? null,
      userActor(user),
    );
    return this.projectMembers(input.projectId);
  }

  @Mutation(() => ProjectMembershipDto, { description: 'Members only, or everyone routing matches. Audited.' })
  async setMembersOnly(
    @Args('input') input: SetMembersOnlyInput,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProjectMembershipDto> {
    await this.membership.setMembersOnly(input.projectId, input.membersOnly, userActor(user));
    return this.projectMembers(input.projectId);
  }
}
