import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, Roles } from '@clinrank/server-core';
import { ProjectService } from '@clinrank/server-project';
import { ImportItemsInput, ImportReportDto } from './dto/import.dto.js';
import { ItemBulkInput, ItemBulkResultDto, ItemPageDto, ItemRowDto, ItemsArgs } from './dto/item-browse.dto.js';
import { ItemBrowseService } from './item-browse.service.js';
import { ItemImportService, assertProjectKindSupportsImport } from './item-import.service.js';

@Resolver()
@Roles('lead', 'admin')
export class ItemResolver {
  constructor(
    private readonly imports: ItemImportService,
    private readonly projects: ProjectService,
    private readonly browse: ItemBrowseService,
  ) {}

  @Query(() => ItemPageDto, {
    description: "A project's items with their label counts, status and flags, filtered and paged.",
  })
  async items(@Args() args: ItemsArgs): Promise<ItemPageDto> {
    const page = await this.browse.list(args.projectId, args.filter ?? {}, args.limit, args.offset);
    return { ...page, rows: page.rows.map(ItemRowDto.from) };
  }

  @Mutation(() => ItemBulkResultDto, {
    description:
      'Deletes, sets or unsets gold, or re-queues chosen items; deleting labelled items needs confirmLabelled. Audited.',
  })
  async bulkItems(
    @Args('input') input: ItemBulkInput,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ItemBulkResultDto> {
    return ItemBulkResultDto.from(
      await this.browse.bulk(
        input.projectId,
        input.itemIds,
        input.action,
        input.confirmLabelled ?? false,
        userActor(user),
      ),
    );
  }

  @Mutation(() => ImportReportDto, {
    description: 'Imports a JSONL file of items; every bad line is reported with its number, field and reason.',
  })
  async importItems(
    @Args('input') input: ImportItemsInput,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ImportReportDto> {
    const project = await this.projects.get(input.projectId);
    assertProjectKindSupportsImport(project);
    return this.imports.importFile(
      project,
      new TextEncoder().encode(input.content),
      { strict: input.strict },
      userActor(user),
    );
  }
}
