import { describe, expect, it } from '@jest/globals';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { pipelinedTransaction } from '../database/pipelined-transaction.js';
import { automock, newTestService, testConfig } from './new-test-service.js';

class BaseStore {
  async find(id: string): Promise<string | null> {
    return id;
  }
  get label(): string {
    throw new Error('a getter of the real class must not run');
  }
}

class NoteStore extends BaseStore {
  async save(_text: string): Promise<void> {}
}

const CLOCK = Symbol('CLOCK');
const realClock = { now: () => 42 };

@Injectable()
class NoteService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notes: NoteStore,
    @Optional() @Inject(CLOCK) private readonly clock: { now(): number } = realClock,
  ) {}

  async rename(id: string, text: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.notes.find(id);
      if (!found) throw new Error(`no note ${id}`);
      await manager.save({ id, text });
      await this.notes.save(text);
      return `${this.config.nodeEnv}:${found}:${this.clock.now()}`;
    });
  }
}

class Undecorated {
  constructor(readonly notes: NoteStore) {}
}

describe('automock', () => {
  it('fakes own and inherited methods with jest.fn() and never runs a getter', async () => {
    const fake = automock(NoteStore);
    expect(Object.keys(fake).sort()).toEqual(['find', 'save']);
    fake.find.mockResolvedValue('x');
    await expect(fake.find('1')).resolves.toBe('x');
    expect(fake.save('t')).toBeUndefined();
  });
});

describe('newTestService', () => {
  it('builds the service from fakes read from its constructor metadata', async () => {
    const { sut, fake, deps, manager, dataSource, config } = newTestService(NoteService);
    fake(NoteStore).find.mockResolvedValue('found');
    await expect(sut.rename('n1', 'hello')).resolves.toBe('test:found:42');
    expect(deps[0]).toBe(dataSource);
    expect(deps[1]).toBe(config);
    expect(deps[2]).toBe(fake(NoteStore));
    // The @Optional() token got nothing, so the parameter's default (the real clock) applied.
    expect(deps[3]).toBeUndefined();
    expect(manager.save).toHaveBeenCalledWith({ id: 'n1', text: 'hello' });
    expect(fake(NoteStore).save).toHaveBeenCalledWith('hello');
  });

  it('stops a transaction at the error its work throws, as a rollback would', async () => {
    const { sut, fake, manager } = newTestService(NoteService);
    fake(NoteStore).find.mockResolvedValue(null);
    await expect(sut.rename('n1', 'hello')).rejects.toThrow('no note n1');
    expect(manager.save).not.toHaveBeenCalled();
  });

  it('takes given values for tokens, the configuration included', async () => {
    const clock = { now: () => 7 };
    const { sut, fake } = newTestService(NoteService, {
      provide: [
        [APP_CONFIG, testConfig({ nodeEnv: 'production' })],
        [CLOCK, clock],
      ],
    });
    fake(NoteStore).find.mockResolvedValue('f');
    await expect(sut.rename('n1', 'x')).resolves.toBe('production:f:7');
  });

  it('runs transaction(isolationLevel, work) and getRepository on the same fake database', async () => {
    const { dataSource, manager, repository } = newTestService(NoteService);
    await dataSource.transaction('SERIALIZABLE', async (given) => expect(given).toBe(manager));
    expect(dataSource.getRepository(EntityManager)).toBe(repository(EntityManager));
    expect(manager.getRepository(EntityManager)).toBe(repository(EntityManager));
  });

  it('runs pipelinedTransaction(work) on the fake database as transaction(work)', async () => {
    const { dataSource, manager } = newTestService(NoteService);
    await expect(pipelinedTransaction(dataSource, async (given) => given === manager)).resolves.toBe(true);
    await expect(
      pipelinedTransaction(dataSource, async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
  });

  it('reads an explicit parameter list for a class without metadata, and names what it cannot fake', () => {
    expect(newTestService(Undecorated, { paramTypes: [NoteStore] }).sut.notes.find).toBeDefined();
    expect(() => newTestService(Undecorated)).toThrow(/no design:paramtypes/);
    expect(() => newTestService(Undecorated, { paramTypes: [Symbol('X')] })).toThrow(/cannot fake parameter 0/);
  });

  it('refuses to hand out a fake the service does not take', () => {
    const { fake } = newTestService(NoteService);
    expect(() => fake(Undecorated)).toThrow(/takes no Undecorated/);
  });
});
