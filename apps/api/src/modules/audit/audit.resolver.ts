import { Args, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '../../core/auth/roles.decorator.js';
import { AuditService } from './audit.service.js';
import { AuditArgs, AuditEntryDto, AuditPageDto } from './dto/audit-entry.dto.js';

@Resolver()
@Roles('lead', 'admin')
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditPageDto, { description: 'The audit log, newest first, with filters.' })
  async auditLog(@Args() args: AuditArgs): Promise<AuditPageDto> {
    const { entries, total } = await this.audit.list(args);
    return { entries: entries.map(AuditEntryDto.from), total };
  }
}
