import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode, isRole, isUuid, type Role } from '@clinrank/domain';
import { SessionUsers } from './session-users.js';
import { VerifiedTokens } from './verified-tokens.js';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator.js';
import { requestFromContext } from './current-user.decorator.js';

interface TokenClaims {
  sub: string;
  role: string;
  username: string;
  /** The user's token version when the token was issued. */
  ver: number;
  exp: number;
}

const INVALID_TOKEN = 'Your session has expired or the token is invalid; sign in again';

/**
 * Global guard, deny by default: an operation needs @Public or @Roles. Tokens must expire, and are checked against the
 * users table (active, role, token version) so that deactivating a user, changing a role or resetting a password takes
 * effect at once in this process. An accepted account is kept (SessionUsers.activeSessionUser); a change made by
 * another process drops it as soon as the users table's change feed delivers it, or within two seconds while no feed is
 * live. A token's signature is checked once and then remembered
 * until its exp (at most a minute, VerifiedTokens).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** Tokens that passed verifyBearer: the signature is checked once per token, not on every request. */
  private readonly verified = new VerifiedTokens<TokenClaims>();

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: SessionUsers,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0)
      throw new DomainError(ErrorCode.Forbidden, 'This operation is not open to any role');
    const request = requestFromContext(context);
    const claims = await this.verifyBearer(request.headers.authorization);
    const user = await this.loadActiveUser(claims.sub, claims.ver);
    if (!roles.includes(user.role))
      throw new DomainError(ErrorCode.Forbidden, `This operation needs one of the roles: ${roles.join(', ')}`);
    request.user = {
      userId: user.id,
      username: user.username,
      role: user.role,
      languages: user.languages,
      specialties: user.specialties,
    };
    return true;
  }

  private async verifyBearer(header: string | undefined): Promise<TokenClaims> {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'Sign in first: send Authorization: Bearer <token>');
    const known = this.verified.get(token);
    if (known) return known;
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new DomainError(ErrorCode.Unauthenticated, INVALID_TOKEN);
    }
    // jsonwebtoken accepts a token without exp as never expiring; ours always carry one.
    if (typeof claims.exp !== 'number' || typeof claims.ver !== 'number' || !isUuid(String(claims.sub)))
      throw new DomainError(ErrorCode.Unauthenticated, INVALID_TOKEN);
    this.verified.remember(token, claims);
    return claims;
  }

  private async loadActiveUser(
    id: string,
    tokenVersion: number,
  ): Promise<{ id: string; username: string; role: Role; languages: string[]; specialties: string[] }> {
    const row = await this.users.activeSessionUser(id, tokenVersion);
    if (!row || !row.active || !isRole(row.role))
      throw new DomainError(ErrorCode.Unauthenticated, 'This account is not active; sign in again');
    if (row.token_version !== tokenVersion)
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'Your session was ended (password, role or account changed); sign in again',
      );
    return {
      id: row.id,
      username: row.username,
      role: row.role,
      languages: row.languages,
      specialties: row.specialties,
    };
  }
}
