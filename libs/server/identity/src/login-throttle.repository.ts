import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

// One statement per key: concurrent attempts each see their own count, so N parallel guesses cannot all pass a check
// made before any of them is recorded. A window older than windowSeconds starts again at 1.
const RESERVE = defineSql(
  'identity.throttle-reserve',
  `
  INSERT INTO login_throttle AS t (key, failures, window_started) VALUES ($1, 1, now())
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN t.window_started <= now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END,
    window_started = CASE WHEN t.window_started <= now() - make_interval(secs => $2) THEN now() ELSE t.window_started END
  RETURNING failures`,
);
const GIVE_BACK = defineSql(
  'identity.throttle-give-back',
  `UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = $1`,
);
const FORGET = defineSql('identity.throttle-forget', `DELETE FROM login_throttle WHERE key = $1`);
const PRUNE = defineSql(
  'identity.throttle-prune',
  `DELETE FROM login_throttle WHERE window_started <= now() - make_interval(secs => $1)`,
);
const RECORD_ATTEMPT = defineSql(
  'identity.record-login-attempt',
  `INSERT INTO login_attempts (username, ip, succeeded) VALUES ($1, $2, $3)`,
);

/** The login_throttle and login_attempts tables' owner. */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one more failure on the key (a fresh window starts at 1); returns the failures in the window. */
  async reserve(key: string, windowSeconds: number): Promise<number> {
    const rows: { failures: number }[] = await this.dataSource.query(RESERVE.text, [key, windowSeconds]);
    return rows[0].failures;
  }

  async giveBack(key: string): Promise<void> {
    await this.dataSource.query(GIVE_BACK.text, [key]);
  }

  async forget(key: string): Promise<void> {
    await this.dataSource.query(FORGET.text, [key]);
  }

  /** Deletes the keys whose window has passed. */
  async prune(windowSeconds: number): Promise<void> {
    await this.dataSource.query(PRUNE.text, [windowSeconds]);
  }

  async recordAttempt(username: string, ip: string, succeeded: boolean): Promise<void> {
    await this.dataSource.query(RECORD_ATTEMPT.text, [username, ip, succeeded]);
  }
}
