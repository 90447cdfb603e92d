import { Module } from '@nestjs/common';
import { DatabaseModule, SessionUsers } from '@clinrank/server-core';
import { AuthService } from './auth.service.js';
import { IdentityResolver } from './identity.resolver.js';
import { LoginAttemptEntity, LoginThrottleEntity } from './login-throttle.entity.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { UserEntity } from './user.entity.js';
import { UserRepository } from './user.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [DatabaseModule.forFeature([UserEntity, LoginAttemptEntity, LoginThrottleEntity])],
  providers: [
    UserRepository,
    { provide: SessionUsers, useExisting: UserRepository },
    LoginThrottleRepository,
    AuthService,
    UsersService,
    IdentityResolver,
  ],
  exports: [UsersService, AuthService, SessionUsers],
})
export class IdentityModule {}
