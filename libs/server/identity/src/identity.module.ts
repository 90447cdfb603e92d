import { Module } from '@nestjs/common';
import { SessionUsers } from '@clinrank/server-core';
import { AuthService } from './auth.service.js';
import { IdentityResolver } from './identity.resolver.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { UserRepository } from './user.repository.js';
import { UsersService } from './users.service.js';

@Module({
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
