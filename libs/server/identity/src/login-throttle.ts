import type { DataSource } from 'typeorm';

export interface ThrottleLimits {
  perAccount: number;
  perIp: number;
  windowSeconds: number;
}

export type ThrottleDecision = { allowed: true; release(succeeded: boolean): Promise<void> } | { allowed: false };

// One statement per key: concurrent attempts each see their own count, so N parallel guesses cannot all pass a check
// made before any of them is recorded. A window older than windowSeconds starts again at 1.
const RESERVE = `
  INSERT INTO login_throttle AS t (key, failures, window_started) VALUES ($1, 1, now())
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN t.window_started <= now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END,
    window_started = CASE WHEN t.window_started <= now() - make_interval(secs => $2) THEN now() ELSE t.window_started END
  RETURNING failures`;
const GIVE_BACK = `UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1`;
const FORGET = `DELETE FROM login_throttle WHERE key = $1`;
const PRUNE = `DELETE FROM login_throttle WHERE window_started <= now() - make_interval(secs => $1)`;
// About one attempt in this many also deletes expired rows, so the table holds only the current window's keys.
const PRUNE_EVERY = 200;

/**
 * Failed sign-ins counted in PostgreSQL (so across API replicas) per IP and per account. Each attempt reserves a
 * failure on both keys before the password is checked and gives it back when it succeeds. An account over its limit
 * is refused only to IPs that have failures of their own, so a stranger's guesses never lock out the clinician.
 */
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly limits: ThrottleLimits,
  ) {}

  async reserve(username: string, ip: string): Promise<ThrottleDecision> {
    if (Math.random() * PRUNE_EVERY < 1) await this.dataSource.query(PRUNE, [this.limits.windowSeconds]);
    const ipKey = `ip:${ip}`;
    const accountKey = `account:${username.toLowerCase()}`;
    const ipFailures = await this.count(ipKey);
    if (ipFailures > this.limits.perIp) {
      await this.dataSource.query(GIVE_BACK, [ipKey]);
      return { allowed: false };
    }
    const accountFailures = await this.count(accountKey);
    const ipHasFailed = ipFailures > 1;
    if (accountFailures > this.limits.perAccount && ipHasFailed) {
      await this.dataSource.query(GIVE_BACK, [ipKey]);
      await this.dataSource.query(GIVE_BACK, [accountKey]);
      return { allowed: false };
    }
    return {
      allowed: true,
      release: async (succeeded) => {
        if (!succeeded) return;
        await this.dataSource.query(GIVE_BACK, [ipKey]);
        await this.dataSource.query(FORGET, [accountKey]);
      },
    };
  }

  private async count(key: string): Promise<number> {
    const rows: { failures: number }[] = await this.dataSource.query(RESERVE, [key, this.limits.windowSeconds]);
    return rows[0].failures;
  }
}
