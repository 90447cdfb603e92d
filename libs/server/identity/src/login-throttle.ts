import type { LoginThrottleRepository } from './login-throttle.repository.js';

export interface ThrottleLimits {
  perAccount: number;
  perIp: number;
  windowSeconds: number;
}

export type ThrottleDecision = { allowed: true; release(succeeded: boolean): Promise<void> } | { allowed: false };

// About one attempt in this many also deletes expired rows, so the table holds only the current window's keys.
const PRUNE_EVERY = 200;

/**
 * Failed sign-ins counted in PostgreSQL (so across API replicas) per IP and per account. Each attempt reserves a
 * failure on both keys before the password is checked and gives it back when it succeeds. An account over its limit
 * is refused only to IPs that have failures of their own, so a stranger's guesses never lock out the clinician.
 */
export class LoginThrottle {
  constructor(
    private readonly repository: LoginThrottleRepository,
    private readonly limits: ThrottleLimits,
  ) {}

  async reserve(username: string, ip: string): Promise<ThrottleDecision> {
    if (Math.random() * PRUNE_EVERY < 1) await this.repository.prune(this.limits.windowSeconds);
    const ipKey = `ip:${ip}`;
    const accountKey = `account:${username.toLowerCase()}`;
    const ipFailures = await this.count(ipKey);
    if (ipFailures > this.limits.perIp) {
      await this.repository.giveBack(ipKey);
      return { allowed: false };
    }
    const accountFailures = await this.count(accountKey);
    const ipHasFailed = ipFailures > 1;
    if (accountFailures > this.limits.perAccount && ipHasFailed) {
      await this.repository.giveBack(ipKey);
      await this.repository.giveBack(accountKey);
      return { allowed: false };
    }
    return {
      allowed: true,
      release: async (succeeded) => {
        if (!succeeded) return;
        await this.repository.giveBack(ipKey);
        await this.repository.forget(accountKey);
      },
    };
  }

  private async count(key: string): Promise<number> {
    return this.repository.reserve(key, this.limits.windowSeconds);
  }
}
