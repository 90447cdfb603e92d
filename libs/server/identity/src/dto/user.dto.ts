import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ROLES, type Role } from '@clinrank/domain';
import type { UserEntity } from '../user.entity.js';

export enum RoleEnum {
  annotator = 'annotator',
  lead = 'lead',
  ml_engineer = 'ml_engineer',
  admin = 'admin',
}
registerEnumType(RoleEnum, { name: 'Role' });

const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

@ObjectType('User')
export class UserDto {
  @Field(() => ID) id: string;
  @Field() username: string;
  @Field() displayName: string;
  @Field(() => RoleEnum) role: Role;
  @Field() kind: string;
  @Field(() => [String]) languages: string[];
  @Field(() => [String]) specialties: string[];
  @Field() active: boolean;
  @Field(() => GraphQLISODateTime) createdAt: Date;

  static from(user: UserEntity): UserDto {
    return Object.assign(new UserDto(), {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      kind: user.kind,
      languages: user.languages,
      specialties: user.specialties,
      active: user.active,
      createdAt: user.createdAt,
    });
  }
}

@ObjectType('Session')
export class SessionDto {
  @Field() token: string;
  @Field(() => GraphQLISODateTime) expiresAt: Date;
  @Field(() => UserDto) user: UserDto;
}

@InputType()
export class LoginInput {
  @Field() @IsString() @MinLength(1) @MaxLength(100) username: string;
  @Field() @IsString() @MinLength(1) @MaxLength(1000) password: string;
}

@InputType()
export class CreateUserInput {
  @Field()
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{2,64}$/, {
    message: 'username must be 2-64 letters, digits, dots, dashes, underscores or @',
  })
  username: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) displayName?: string;
  @Field(() => RoleEnum) @IsIn(ROLES) role: Role;
  @Field()
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @MaxLength(1000)
  password: string;
  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE_CODE, { each: true, message: 'languages must be codes such as en, zh or ar' })
  languages: string[];
  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  specialties: string[];
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) displayName?: string;
  @Field(() => RoleEnum, { nullable: true }) @IsOptional() @IsIn(ROLES) role?: Role;
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(LANGUAGE_CODE, { each: true, message: 'languages must be codes such as en, zh or ar' })
  languages?: string[];
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  specialties?: string[];
  @Field({ nullable: true }) @IsOptional() @IsBoolean() active?: boolean;
}

@InputType()
export class ResetPasswordInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field()
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @MaxLength(1000)
  password: string;
}

@ArgsType()
export class UsersArgs {
  @Field(() => RoleEnum, { nullable: true }) @IsOptional() @IsIn(ROLES) role?: Role;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) search?: string;
  @Field(() => Int, { defaultValue: 100 }) @IsInt() @Min(1) @Max(1000) limit: number;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) offset: number;
}

@ObjectType('UserPage')
export class UserPageDto {
  @Field(() => [UserDto]) users: UserDto[];
  @Field(() => Int) total: number;
}
