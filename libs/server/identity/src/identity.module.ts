import { Module } from '@nestjs/common';
import { AuthService } from './auth.service.js';
import { IdentityResolver } from './identity.resolver.js';
import { UsersService } from './users.service.js';

@Module({ providers: [AuthService, UsersService, IdentityResolver], exports: [UsersService, AuthService] })
export class IdentityModule {}
