import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startMediumContext, type MediumContext } from '../../../../test-support/medium-services.js';
import { LoginAttemptEntity, LoginThrottleEntity } from './login-throttle.entity.js';
import { LoginThrottleRepository } from './login-throttle.repository.js';

describe('LoginThrottleRepository (real PostgreSQL)', () => {
  let context: MediumContext;
  let repository: LoginThrottleRepository;
  beforeAll(async () => {
    context = await startMediumContext();
    repository = new LoginThrottleRepository(context.dataSource);
  }, 120_000);
  afterAll(async () => {
    await context?.close();
  });

  it('counts failures per key in one window, gives one back, and forgets a key', async () => {
    expect(await repository.reserve('ip:10.0.0.1', 600)).toBe(1);
    expect(await repository.reserve('ip:10.0.0.1', 600)).toBe(2);
    expect(await repository.reserve('account:ana', 600)).toBe(1);
    await repository.giveBack('ip:10.0.0.1');
    await repository.forget('account:ana');
    const rows = await context.dataSource.getRepository(LoginThrottleEntity).find({ order: { key: 'ASC' } });
    expect(rows.map(({ key, failures }) => ({ key, failures }))).toEqual([{ key: 'ip:10.0.0.1', failures: 1 }]);
  });

  it('starts a window again at 1 once it has passed, and prunes passed windows', async () => {
    await repository.reserve('ip:10.0.0.2', 600);
    await context.dataSource
      .getRepository(LoginThrottleEntity)
      .update({ key: 'ip:10.0.0.2' }, { windowStarted: new Date(Date.now() - 3_600_000) });
    expect(await repository.reserve('ip:10.0.0.2', 600)).toBe(1);
    await context.dataSource
      .getRepository(LoginThrottleEntity)
      .update({ key: 'ip:10.0.0.2' }, { windowStarted: new Date(Date.now() - 3_600_000) });
    await repository.prune(600);
    expect(await context.dataSource.getRepository(LoginThrottleEntity).findOneBy({ key: 'ip:10.0.0.2' })).toBeNull();
  });

  it('records each sign-in attempt', async () => {
    await repository.recordAttempt('ana', '10.0.0.3', false);
    await repository.recordAttempt('ana', '10.0.0.3', true);
    const attempts = await context.dataSource
      .getRepository(LoginAttemptEntity)
      .find({ where: { ip: '10.0.0.3' }, order: { id: 'ASC' } });
    expect(attempts.map(({ username, succeeded }) => ({ username, succeeded }))).toEqual([
      { username: 'ana', succeeded: false },
      { username: 'ana', succeeded: true },
    ]);
    expect(attempts[0].at).toBeInstanceOf(Date);
  });
});
