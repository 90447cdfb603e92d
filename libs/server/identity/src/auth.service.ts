import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@clinrank/server-core';
import { AuditService } from '@clinrank/server-audit';
import { dummyPasswordHash, verifyPassword } from './password-hasher.js';
import { LoginThrottle } from './login-throttle.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';
import { UserEntity } from './user.entity.js';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

const GENERIC_FAILURE = 'Wrong username or password';

/**
 * Password sign-in. Every failure (unknown user, wrong password, inactive or non-login account) answers the same
 * message after the same scrypt work, so neither the reply nor its timing says whether a username exists. Failures
 * are throttled per IP and per account in PostgreSQL (see LoginThrottle), so the limits hold across API replicas.
 */
@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attempts: LoginThrottleRepository,
  ) {
    this.throttle = new LoginThrottle(attempts, {
      perAccount: config.loginMaxAttempts,
      perIp: config.loginMaxAttemptsPerIp,
      windowSeconds: config.loginWindowSeconds,
    });
  }

  async login(username: string, password: string, ip: string): Promise<IssuedSession> {
    const decision = await this.throttle.reserve(username, ip);
    if (!decision.allowed) {
      throw new DomainError(
        ErrorCode.RateLimited,
        `Too many failed sign-ins; try again in ${Math.ceil(this.config.loginWindowSeconds / 60)} minutes`,
      );
    }
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    const passwordMatches = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    const valid = !!user && passwordMatches && user.active && user.kind === 'human' && user.passwordHash !== null;
    await decision.release(valid);
    await this.attempts.recordAttempt(username.slice(0, 100), ip, valid);
    if (!valid || !user) throw new DomainError(ErrorCode.Unauthenticated, GENERIC_FAILURE);
    if (user.isDemo && this.config.nodeEnv === 'production') {
      throw new DomainError(ErrorCode.Forbidden, 'Demo accounts are refused when NODE_ENV=production');
    }
    await this.audit.record({
      actor: { kind: 'user', userId: user.id, username: user.username, role: user.role },
      action: 'session.login',
      entityType: 'user',
      entityId: user.id,
      details: { ip },
    });
    return this.issue(user);
  }

  /** A token for the user: always with an expiry, and carrying the user's token version so a reset revokes it. */
  issue(user: UserEntity): IssuedSession {
    const token = this.jwt.sign(
      { sub: user.id, role: user.role, username: user.username, ver: user.tokenVersion },
      { expiresIn: this.config.jwtTtlSeconds },
    );
    const { passwordHash: _hidden, ...safe } = user;
    return { token, expiresAt: new Date(Date.now() + this.config.jwtTtlSeconds * 1000), user: safe as UserEntity };
  }
}
