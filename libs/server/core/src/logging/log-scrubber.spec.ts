import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';
import { scrubMessage, serializeError } from './log-scrubber.js';

function failedInsert(): QueryFailedError {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint "users_username_key"'), {
    code: '23505',
    detail: 'Key (username)=(alice) already exists.',
    table: 'users',
    constraint: 'users_username_key',
  });
  return new QueryFailedError(
    'INSERT INTO users (username, password_hash) VALUES ($1, $2)',
    ['alice', 'scrypt$16384$c2FsdA$aGFzaA'],
    driverError,
  );
}

describe('log scrubbing', () => {
  it('keeps object names and drops values from driver messages', () => {
    expect(scrubMessage('invalid input syntax for type uuid: "my secret note"')).toBe(
      'invalid input syntax for type uuid: "…"',
    );
    expect(scrubMessage('duplicate key value violates unique constraint "users_username_key"')).toContain(
      '"users_username_key"',
    );
    expect(scrubMessage('Key (username)=(alice) already exists.')).toBe('Key (username)=(…) already exists.');
    expect(scrubMessage('Failing row contains (1, bob, scrypt$1$abc, {en}).')).toBe('Failing row contains (…).');
  });

  it('serializes a failed INSERT without its parameters', () => {
    const serialized = serializeError(failedInsert());
    expect(JSON.stringify(serialized)).not.toMatch(/scrypt|alice/);
    expect(serialized).toMatchObject({ code: '23505', constraint: 'users_username_key', parameters: '[2 redacted]' });
  });

  it('writes no password hash to the log stream, even when logged under another key', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const logger = createLogger('info', sink);
    logger.error({ err: failedInsert(), reference: 'r1' }, 'unexpected error');
    logger.info({ user: { password: 'hunter2', passwordHash: 'scrypt$x' }, parameters: ['p'] }, 'row');
    const text = lines.join('');
    expect(text).toContain('users_username_key');
    expect(text).not.toMatch(/scrypt|hunter2|alice/);
  });
});
