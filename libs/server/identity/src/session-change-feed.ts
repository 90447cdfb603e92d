import pg from 'pg';
import type { SessionUsers } from '@clinrank/server-core';
import { listenForSessionChanges, pingConnection, SESSION_CHANGES_CHANNEL } from './session-change-feed.repository.js';

export interface SessionFeedTiming {
  /** How long connecting and listening may take before the attempt counts as failed. */
  connectMs: number;
  /** How often the connection is checked. */
  checkMs: number;
  /** How long a check may wait for PostgreSQL's answer before the connection counts as lost. */
  answerMs: number;
  /** The first wait before reconnecting; it doubles up to maxRetryMs while reconnecting fails. */
  retryMs: number;
  maxRetryMs: number;
}

const DEFAULT_TIMING: SessionFeedTiming = {
  connectMs: 5_000,
  checkMs: 2_000,
  answerMs: 1_000,
  retryMs: 500,
  maxRetryMs: 30_000,
};

export interface SessionFeedLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * Listens, on a connection of its own, for the account changes the users table announces, and drops each changed
 * account from this process's session cache as the change commits: a deactivation, a role change or a revoked token
 * made by the CLI, another API process or psql counts from the next request here, and meanwhile the guard reads an
 * account once a minute instead of every two seconds (SessionUsers).
 *
 * A notification sent while the connection is down is lost, so the cache relies on the feed only while it is known to
 * be up: it checks the connection every `checkMs` with an empty query (answered without a transaction), and a
 * connection that fails, ends or does not answer within `answerMs` empties the cache (`sessionFeedLost`) and is
 * replaced, with backoff. Until it is, accounts are kept for the short time again.
 */
export class SessionChangeFeed {
  private readonly timing: SessionFeedTiming;
  /** The connection being opened or in use; null between attempts. */
  private current: pg.Client | null = null;
  private listening = false;
  private stopped = true;
  private checkTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs: number;

  constructor(
    private readonly databaseUrl: string,
    private readonly users: SessionUsers,
    private readonly logger: SessionFeedLogger,
    timing: Partial<SessionFeedTiming> = {},
  ) {
    this.timing = { ...DEFAULT_TIMING, ...timing };
    this.retryMs = this.timing.retryMs;
  }

  /** Whether changes reach the cache now. */
  get live(): boolean {
    return this.listening;
  }

  /** Connects and listens; resolves after the first attempt, which on failure goes on retrying in the background. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of [this.checkTimer, this.retryTimer]) if (timer) clearTimeout(timer);
    this.checkTimer = this.retryTimer = null;
    const client = this.current;
    this.current = null;
    if (this.listening) this.users.sessionFeedLost();
    this.listening = false;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: 'clinrank-session-feed',
      keepAlive: true,
      // A server that accepts the connection and never answers must not hold the API's start.
      connectionTimeoutMillis: this.timing.connectMs,
      query_timeout: this.timing.connectMs,
    });
    this.current = client;
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, new Error('the connection ended')));
    client.on('notification', (message) => {
      if (message.channel === SESSION_CHANGES_CHANNEL && message.payload) this.users.forgetSession(message.payload);
    });
    try {
      await client.connect();
      await listenForSessionChanges(client);
    } catch (error) {
      this.lose(client, error);
      return;
    }
    if (client !== this.current) return;
    this.listening = true;
    this.retryMs = this.timing.retryMs;
    this.users.sessionFeedStarted();
    this.logger.info({ channel: SESSION_CHANGES_CHANNEL }, 'listening for account changes');
    this.scheduleCheck(client);
  }

  private scheduleCheck(client: pg.Client): void {
    this.checkTimer = setTimeout(() => void this.check(client), this.timing.checkMs);
    this.checkTimer.unref();
  }

  private async check(client: pg.Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.timing.answerMs);
    });
    const outcome = await Promise.race([
      pingConnection(client).then(
        () => 'answered' as const,
        () => 'failed' as const,
      ),
      late,
    ]);
    clearTimeout(timer);
    if (client !== this.current) return;
    if (outcome === 'answered') this.scheduleCheck(client);
    else this.lose(client, new Error(`the connection ${outcome === 'late' ? 'did not answer in time' : 'failed'}`));
  }

  /** Handles the loss of `client` once (a lost connection reports both an error and its end). */
  private lose(client: pg.Client, error: unknown): void {
    if (client !== this.current) return;
    this.current = null;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.checkTimer = null;
    const wasListening = this.listening;
    this.listening = false;
    if (wasListening) this.users.sessionFeedLost();
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(
      { error: error instanceof Error ? error.message : String(error), retryMs: this.retryMs },
      wasListening
        ? 'lost the account-change feed; accounts are re-read every two seconds until it is back'
        : 'could not listen for account changes; retrying',
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, this.timing.maxRetryMs);
  }
}
