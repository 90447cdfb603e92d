import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, Roles } from '@clinrank/server-core';
import { DatasetService } from './dataset.service.js';
import { DatasetPreviewDto, DatasetSnapshotDto, ExportRequestInput } from './dto/dataset.dto.js';

/** Preference-dataset exports, for ML engineers and leads. */
@Resolver()
@Roles('ml_engineer', 'lead', 'admin')
export class DatasetResolver {
  constructor(private readonly datasets: DatasetService) {}

  @Mutation(() => DatasetSnapshotDto, {
    description: 'Exports a project into a new immutable snapshot (audited as dataset.export).',
  })
  async requestExport(
    @Args('input') input: ExportRequestInput,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<DatasetSnapshotDto> {
    const project = await this.datasets.project({ projectId: input.projectId });
    const options = { name: input.name ?? null, weightByGoldAccuracy: input.weightByGoldAccuracy ?? false };
    const request = this.datasets.buildRequest(project, input.request, options);
    return DatasetSnapshotDto.from(await this.datasets.exportProject(project, request, options, userActor(user)));
  }

  @Query(() => DatasetPreviewDto, { description: 'Dry run: the first ten records and the counts, nothing written.' })
  async previewExport(@Args('input') input: ExportRequestInput): Promise<DatasetPreviewDto> {
    const project = await this.datasets.project({ projectId: input.projectId });
    const options = { weightByGoldAccuracy: input.weightByGoldAccuracy ?? false };
    return DatasetPreviewDto.from(
      await this.datasets.preview(project, this.datasets.buildRequest(project, input.request, options), options),
    );
  }

  @Query(() => [DatasetSnapshotDto])
  async datasetSnapshots(@Args('projectId', { type: () => ID }) projectId: string): Promise<DatasetSnapshotDto[]> {
    return (await this.datasets.list(projectId)).map(DatasetSnapshotDto.from);
  }

  @Query(() => DatasetSnapshotDto)
  async datasetSnapshot(@Args('id', { type: () => ID }) id: string): Promise<DatasetSnapshotDto> {
    return DatasetSnapshotDto.from(await this.datasets.get(id));
  }
}
