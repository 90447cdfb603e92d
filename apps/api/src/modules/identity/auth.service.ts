import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import { verifyPassword } from './password-hasher.js';
import { UserEntity } from './user.entity.js';

export interface IssuedSession {
  token: string;
  expiresAt: Date;
  user: UserEntity;
}

const GENERIC_FAILURE = 'Wrong username or password';

/** Password sign-in with a per-username limit on failures that holds across API replicas (it counts in PostgreSQL). */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, ip: string): Promise<IssuedSession> {
    await this.refuseWhenRateLimited(username);
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    const valid = !!user && user.active && user.kind === 'human' && (await verifyPassword(password, user.passwordHash));
    if (valid && user.isDemo && this.config.nodeEnv === 'production') {
      throw new DomainError(ErrorCode.Forbidden, 'Demo accounts are refused when NODE_ENV=production');
    }
    await this.dataSource.query(`INSERT INTO login_attempts (username, ip, succeeded) VALUES ($1, $2, $3)`, [username.slice(0, 100), ip, valid]);
    if (!valid || !user) throw new DomainError(ErrorCode.Unauthenticated, GENERIC_FAILURE);
    await this.audit.record({ actor: { kind: 'user', userId: user.id, username: user.username, role: user.role }, action: 'session.login', entityType: 'user', entityId: user.id, details: { ip } });
    return this.issue(user);
  }

  issue(user: UserEntity): IssuedSession {
    const token = this.jwt.sign({ sub: user.id, role: user.role, username: user.username }, { expiresIn: this.config.jwtTtlSeconds });
    const { passwordHash: _hidden, ...safe } = user;
    return { token, expiresAt: new Date(Date.now() + this.config.jwtTtlSeconds * 1000), user: safe as UserEntity };
  }

  private async refuseWhenRateLimited(username: string): Promise<void> {
    const rows: { failures: string }[] = await this.dataSource.query(
      `SELECT count(*) AS failures FROM login_attempts
        WHERE lower(username) = lower($1) AND NOT succeeded AND at > now() - make_interval(secs => $2)`,
      [username, this.config.loginWindowSeconds],
    );
    if (Number(rows[0].failures) >= this.config.loginMaxAttempts) {
      throw new DomainError(ErrorCode.RateLimited, `Too many failed sign-ins for this account; try again in ${Math.ceil(this.config.loginWindowSeconds / 60)} minutes`);
    }
  }
}
