import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentUser } from '../../core/auth/current-user.decorator.js';
import { userActor, type AuthenticatedUser } from '../../core/auth/principal.js';
import { Roles } from '../../core/auth/roles.decorator.js';
import { ProjectService } from '../project/project.service.js';
import { ImportItemsInput, ImportReportDto } from './dto/import.dto.js';
import { ItemImportService, assertProjectKindSupportsImport } from './item-import.service.js';

@Resolver()
@Roles('lead', 'admin')
export class ItemResolver {
  constructor(
    private readonly imports: ItemImportService,
    private readonly projects: ProjectService,
  ) {}

  @Mutation(() => ImportReportDto, { description: 'Imports a JSONL file of items; every bad line is reported with its number, field and reason.' })
  async importItems(@Args('input') input: ImportItemsInput, @CurrentUser() user: AuthenticatedUser): Promise<ImportReportDto> {
    const project = await this.projects.get(input.projectId);
    assertProjectKindSupportsImport(project);
    return this.imports.importFile(project, new TextEncoder().encode(input.content), { strict: input.strict }, userActor(user));
  }
}
