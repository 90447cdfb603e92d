import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { MemberStatus, ProjectMember } from '../project-members.service.js';

@ObjectType('ProjectMember')
export class ProjectMemberDto {
  @Field(() => ID) userId: string;
  @Field() username: string;
  @Field() displayName: string;
  @Field(() => [String]) languages: string[];
  @Field(() => [String]) specialties: string[];
  @Field({ description: "Languages and specialties meet the project's routing." }) matchesRouting: boolean;
  @Field(() => String, { nullable: true, description: 'member, removed, or null for the default (routing decides).' })
  status: MemberStatus | null;
  @Field(() => Int, { nullable: true }) quota: number | null;
  @Field(() => Int, { description: 'Tasks submitted in this project.' }) submitted: number;
  @Field() receivesTasks: boolean;

  static from(member: ProjectMember): ProjectMemberDto {
    return Object.assign(new ProjectMemberDto(), member);
  }
}

@ObjectType('ProjectMembership')
export class ProjectMembershipDto {
  @Field({ description: 'Only members get tasks; otherwise everyone routing matches, minus those removed.' })
  membersOnly: boolean;
  @Field(() => [ProjectMemberDto]) members: ProjectMemberDto[];
}

@InputType()
export class SetProjectMemberInput {
  @Field(() => ID) @IsString() @MaxLength(100) projectId: string;
  @Field(() => ID) @IsUUID() userId: string;
  @Field(() => String, { nullable: true, description: 'member, removed, or null to return to the default.' })
  @IsOptional()
  @IsIn(['member', 'removed'])
  status?: MemberStatus | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Most tasks this clinician submits in the project; null for no cap.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  quota?: number | null;
}

@InputType()
export class SetMembersOnlyInput {
  @Field(() => ID) @IsString() @MaxLength(100) projectId: string;
  @Field() @IsBoolean() membersOnly: boolean;
}
