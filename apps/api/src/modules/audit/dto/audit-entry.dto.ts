import { ArgsType, Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { GraphQLJSON } from '../../../core/graphql/json.scalar.js';
import type { AuditEntryEntity } from '../audit-entry.entity.js';

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

  static from(entry: AuditEntryEntity): AuditEntryDto {
    return Object.assign(new AuditEntryDto(), {
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

@ArgsType()
export class AuditArgs {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) actor?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) action?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) entityId?: string;
  @Field({ nullable: true }) @IsOptional() @IsUUID() projectId?: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @IsDate() from?: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) @IsOptional() @IsDate() to?: Date;
  @Field(() => Int, { defaultValue: 50 }) @IsInt() @Min(1) @Max(500) limit: number;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) offset: number;
}
