import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentUser, userActor, type AuthenticatedUser, ALL_ROLES, Public, Roles } from '@clinrank/server-core';
import { AuthService } from './auth.service.js';
import {
  CreateUserInput,
  LoginInput,
  ResetPasswordInput,
  SessionDto,
  UpdateUserInput,
  UserDto,
  UserPageDto,
  UsersArgs,
} from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@Resolver(() => UserDto)
export class IdentityResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly userService: UsersService,
  ) {}

  @Public()
  @Mutation(() => SessionDto, {
    description: 'Signs in with a username and password; returns an expiring bearer token.',
  })
  async login(@Args('input') input: LoginInput, @Context() context: { req: { ip?: string } }): Promise<SessionDto> {
    const session = await this.auth.login(input.username, input.password, context.req.ip ?? 'unknown');
    return { ...session, user: UserDto.from(session.user) };
  }

  @Roles(...ALL_ROLES)
  @Query(() => UserDto, { description: 'The signed-in user.' })
  async me(@CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return UserDto.from(await this.userService.findById(user.userId));
  }

  @Roles('admin', 'lead')
  @Query(() => UserPageDto)
  async users(@Args() args: UsersArgs): Promise<UserPageDto> {
    const page = await this.userService.list(args);
    return { users: page.users.map(UserDto.from), total: page.total };
  }

  @Roles('admin', 'lead')
  @Query(() => UserDto)
  async user(@Args('id') id: string): Promise<UserDto> {
    return UserDto.from(await this.userService.findById(id));
  }

  @Roles('admin', 'lead')
  @Mutation(() => UserDto, { description: 'Creates an account; only an admin may create an admin.' })
  async createUser(@Args('input') input: CreateUserInput, @CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    return UserDto.from(await this.userService.create(input, userActor(user)));
  }

  @Roles('admin')
  @Mutation(() => UserDto)
  async updateUser(@Args('input') input: UpdateUserInput, @CurrentUser() user: AuthenticatedUser): Promise<UserDto> {
    const { id, ...changes } = input;
    return UserDto.from(await this.userService.update(id, changes, userActor(user)));
  }

  @Roles('admin')
  @Mutation(() => UserDto)
  async resetPassword(
    @Args('input') input: ResetPasswordInput,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<UserDto> {
    return UserDto.from(await this.userService.resetPassword(input.id, input.password, userActor(user)));
  }
}
