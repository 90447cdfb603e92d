import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, ALL_ROLES, Roles } from '@clinrank/server-core';
import {
  CreateProjectInput,
  GuidelinesDto,
  ProjectDto,
  UpdateGuidelinesInput,
  UpdateProjectInput,
} from './dto/project.dto.js';
import { ProjectService } from './project.service.js';

@Resolver(() => ProjectDto)
export class ProjectResolver {
  constructor(private readonly projectService: ProjectService) {}

  @Roles('lead', 'admin', 'ml_engineer')
  @Query(() => [ProjectDto])
  async projects(): Promise<ProjectDto[]> {
    return (await this.projectService.list()).map(ProjectDto.from);
  }

  @Roles('lead', 'admin', 'ml_engineer')
  @Query(() => ProjectDto, { description: 'A project by id or slug.' })
  async project(@Args('id') id: string): Promise<ProjectDto> {
    return ProjectDto.from(await this.projectService.get(id));
  }

  @Roles(...ALL_ROLES)
  @Query(() => GuidelinesDto, { description: 'Guidelines of a project, the latest version unless one is named.' })
  async guidelines(
    @CurrentUser() user: AuthenticatedUser,
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('version', { type: () => Int, nullable: true }) version?: number,
  ): Promise<GuidelinesDto> {
    return GuidelinesDto.from(await this.projectService.guidelinesFor(user, projectId, version ?? undefined));
  }

  @Roles('lead', 'admin')
  @Mutation(() => ProjectDto)
  async createProject(
    @Args('input') input: CreateProjectInput,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProjectDto> {
    return ProjectDto.from(await this.projectService.create(input, userActor(user)));
  }

  @Roles('lead', 'admin')
  @Mutation(() => ProjectDto)
  async updateProject(
    @Args('input') input: UpdateProjectInput,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProjectDto> {
    const { id, ...changes } = input;
    return ProjectDto.from(await this.projectService.update(id, changes, userActor(user)));
  }

  @Roles('lead', 'admin')
  @Mutation(() => ProjectDto, { description: 'Stores new guidelines as the next version.' })
  async updateGuidelines(
    @Args('input') input: UpdateGuidelinesInput,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProjectDto> {
    return ProjectDto.from(
      await this.projectService.updateGuidelines(input.projectId, input.markdown, userActor(user)),
    );
  }

  @Roles('lead', 'admin')
  @Mutation(() => ProjectDto, { description: 'Locks a project: annotators can no longer edit their labels.' })
  async setProjectLocked(
    @Args('id', { type: () => ID }) id: string,
    @Args('locked') locked: boolean,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ProjectDto> {
    return ProjectDto.from(await this.projectService.setLocked(id, locked, userActor(user)));
  }

  @ResolveField(() => GuidelinesDto)
  async currentGuidelines(@Parent() project: ProjectDto): Promise<GuidelinesDto> {
    return GuidelinesDto.from(await this.projectService.guidelines(project.id));
  }
}
