import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { GraphQLJSON } from '@clinrank/server-core';
import type { ReadableAuditEntry } from '../audit.service.js';

@ObjectType('AuditChange', { description: 'One field an audited change altered, as readable text.' })
export class AuditChangeDto {
  @Field() field: string;
  @Field() before: string;
  @Field() after: string;
}

@ObjectType('AuditEntry')
export class AuditEntryDto {
  @Field(() => ID) id: string;
  @Field(() => GraphQLISODateTime) at: Date;
  @Field() actor: string;
  @Field() action: string;
  @Field() entityType: string;
  @Field(() => String, { nullable: true }) entityId: string | null;
  @Field(() => String, { nullable: true }) projectId: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) before: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) details: unknown;
  @Field(() => String, {
    nullable: true,
    description: "The acting user's display name and username (null for the CLI and the system).",
  })
  actorName: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The object's name: project name, username, item id, snapshot name…",
  })
  entityName: string | null;
  @Field(() => String, { nullable: true }) projectName: string | null;
  @Field(() => [AuditChangeDto], { description: 'Fields the change altered, before → after.' })
  changes: AuditChangeDto[];
  @Field({ description: 'The changes in one line.' }) summary: string;

  static from({ entry, actorName, entityName, projectName, changes, summary }: ReadableAuditEntry): AuditEntryDto {
    return Object.assign(new AuditEntryDto(), {
      actorName,
      entityName,
      projectName,
      changes,
      summary,
      id: entry.id,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      projectId: entry.projectId,
      before: entry.before,
      after: entry.after,
      details: entry.details,
    });
  }
}

@ObjectType('AuditPage')
export class AuditPageDto {
  @Field(() => [AuditEntryDto]) entries: AuditEntryDto[];
  @Field(() => Int) total: number;
}

@ObjectType('AuditFacets', { description: 'The actions and object types present in the log.' })
export class AuditFacetsDto {
  @Field(() => [String]) actions: string[];
  @Field(() => [String]) entityTypes: string[];
}

@ObjectType('AuditCsv')
export class AuditCsvDto {
  @Field() csv: string;
  @Field(() => Int) rows: number;
  @Field(() => Int) total: number;
  @Field({ description: 'More entries matched than one export holds; narrow the filters.' }) truncated: boolean;
}

@ArgsType()
export class AuditFilterArgs {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) action?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) entityId?: string;
  @Field({ nullable: true }) @IsOptional() @IsUUID() projectId?: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @IsDate() from?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @IsDate() to?: Date;
}

/** The audit filters, plus a page of the matching entries. */
@ArgsType()
export class AuditArgs extends AuditFilterArgs {
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(500) limit: number;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) offset: number;
}
