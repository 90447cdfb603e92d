import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, Roles } from '@clinrank/server-core';
import { AuditService } from './audit.service.js';
import {
  AuditArgs,
  AuditCsvDto,
  AuditEntryDto,
  AuditFacetsDto,
  AuditFilterArgs,
  AuditPageDto,
} from './dto/audit-entry.dto.js';

@Resolver()
@Roles('lead', 'admin')
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditPageDto, { description: 'The audit log, newest first, with filters.' })
  async auditLog(@Args() args: AuditArgs): Promise<AuditPageDto> {
    const { entries, total } = await this.audit.readable(args);
    return { entries: entries.map(AuditEntryDto.from), total };
  }

  @Query(() => AuditFacetsDto, { description: 'The actions and object types the log holds, for filters.' })
  auditFacets(): Promise<AuditFacetsDto> {
    return this.audit.facets();
  }

  @Mutation(() => AuditCsvDto, {
    description: 'The filtered log as CSV (at most 50,000 rows); the export is itself audited.',
  })
  exportAuditLog(@Args() filters: AuditFilterArgs, @CurrentUser() user: AuthenticatedUser): Promise<AuditCsvDto> {
    return this.audit.csv(filters, userActor(user));
  }
}
