import 'reflect-metadata';
import { jest } from '@jest/globals';
import { tmpdir } from 'node:os';
import { DataSource, EntityManager, Repository, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { APP_CONFIG, loadConfig, type AppConfig } from '../config/app-config.js';

// Nest's own metadata keys (@nestjs/common/constants): TypeScript's constructor types, @Inject(token) overrides and
// @Optional() parameters.
const PARAMTYPES = 'design:paramtypes';
const SELF_DECLARED_DEPS = 'self:paramtypes';
const OPTIONAL_DEPS = 'optional:paramtypes';

/** A fake of `T`: every method is a `jest.fn()`, typed so a test sets what it returns (`mockResolvedValue`). */
export type Fake<T> = jest.Mocked<T & object>;

type AnyClass = abstract new (...args: never[]) => unknown;

/** A fake of a class: an object whose every method (own or inherited) is a `jest.fn()` returning undefined. */
export function automock<T>(target: abstract new (...args: never[]) => T): Fake<T> {
  const fake: Record<string, unknown> = {};
  for (let prototype = target.prototype; prototype && prototype !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      // The descriptor's value, never prototype[name]: that would run getters on a prototype with no instance state.
      const value = Object.getOwnPropertyDescriptor(prototype, name)?.value;
      if (name !== 'constructor' && !(name in fake) && typeof value === 'function') fake[name] = jest.fn();
    }
    prototype = Object.getPrototypeOf(prototype);
  }
  return fake as Fake<T>;
}

/** What a service under test runs against when it talks to TypeORM directly. */
export interface FakeDatabase {
  /** The data source handed to the service. */
  dataSource: Fake<DataSource>;
  /**
   * The entity manager of every `dataSource.transaction(work)` (it runs `work` at once) and `dataSource.manager`:
   * one object, so a test sets what the transaction's reads return and checks what it wrote.
   */
  manager: Fake<EntityManager>;
  /** The fake repository `dataSource.getRepository(entity)` and `manager.getRepository(entity)` return, one per entity. */
  repository<E extends ObjectLiteral>(entity: EntityTarget<E>): Fake<Repository<E>>;
}

function fakeDatabase(): FakeDatabase {
  const manager = automock(EntityManager);
  const repositories = new Map<unknown, Fake<Repository<ObjectLiteral>>>();
  const repository = <E extends ObjectLiteral>(entity: EntityTarget<E>): Fake<Repository<E>> => {
    if (!repositories.has(entity)) repositories.set(entity, automock(Repository));
    return repositories.get(entity) as unknown as Fake<Repository<E>>;
  };
  const dataSource = Object.assign(automock(DataSource), { manager, isInitialized: true }) as Fake<DataSource>;
  // transaction(work) or transaction(isolationLevel, work): runs work with the shared manager, like one committed unit.
  const transaction = (...args: unknown[]) => (args.at(-1) as (manager: EntityManager) => unknown)(manager);
  (dataSource.transaction as jest.Mock).mockImplementation(transaction);
  (manager.transaction as jest.Mock).mockImplementation(transaction);
  (dataSource.getRepository as jest.Mock).mockImplementation(repository as (entity: unknown) => unknown);
  (manager.getRepository as jest.Mock).mockImplementation(repository as (entity: unknown) => unknown);
  return { dataSource, manager, repository };
}

/** The configuration a service under test gets for APP_CONFIG: the defaults of NODE_ENV=test, touching no file. */
export function testConfig(changes: Partial<AppConfig> = {}): AppConfig {
  const env = { NODE_ENV: 'test', JWT_SECRET: 'unit-test-secret', CLINRANK_DATA_DIR: tmpdir() };
  return { ...loadConfig(env, tmpdir()), ...changes };
}

export interface NewTestServiceOptions {
  /** The constructor's dependencies in order, when the class carries no `design:paramtypes` (no decorator). */
  paramTypes?: unknown[];
  /** Values for some tokens (a class or an @Inject token) instead of a fake, e.g. `[[APP_CONFIG, testConfig({…})]]`. */
  provide?: Iterable<readonly [unknown, unknown]>;
}

export interface TestService<S, A extends readonly unknown[]> extends FakeDatabase {
  /** The service under test, built with `new` from the fakes. */
  sut: S;
  /** What the constructor got, in its parameter order. */
  deps: { [K in keyof A]: Fake<A[K]> };
  /** The fake (or provided value) given for a class or token, e.g. `fake(ProjectRepository).findById`. */
  fake<T>(token: abstract new (...args: never[]) => T): Fake<T>;
  /** The configuration given for APP_CONFIG (`testConfig()` unless provided). */
  config: AppConfig;
}

function tokenName(token: unknown): string {
  if (typeof token === 'function') return token.name;
  return String(token);
}

/**
 * Builds `Service` as Nest would, with every constructor dependency replaced by an automatic fake (immich's
 * `newTestService`): a class dependency becomes an object of `jest.fn()` methods, a `DataSource` a fake database whose
 * transactions run at once on one fake `EntityManager`, APP_CONFIG the test configuration, and an @Optional() token
 * nothing (so the parameter's default applies). The parameters come from the `design:paramtypes` metadata the
 * service's decorator makes TypeScript emit, corrected by @Inject(token); `options.paramTypes` lists them otherwise.
 */
export function newTestService<S, A extends readonly unknown[]>(
  Service: new (...args: A) => S,
  options: NewTestServiceOptions = {},
): TestService<S, A> {
  const types = options.paramTypes ?? (Reflect.getMetadata(PARAMTYPES, Service) as unknown[] | undefined);
  if (!types)
    throw new Error(`${Service.name} has no design:paramtypes metadata: decorate it or pass options.paramTypes`);
  const tokens = [...types];
  for (const { index, param } of (Reflect.getMetadata(SELF_DECLARED_DEPS, Service) ?? []) as {
    index: number;
    param: unknown;
  }[])
    tokens[index] = param;
  const optional = new Set((Reflect.getMetadata(OPTIONAL_DEPS, Service) ?? []) as number[]);
  const provided = new Map<unknown, unknown>(options.provide ?? []);
  const database = fakeDatabase();
  const config = (provided.get(APP_CONFIG) as AppConfig | undefined) ?? testConfig();
  const fakes = new Map<unknown, unknown>([[APP_CONFIG, config], ...provided]);

  const resolve = (token: unknown, index: number): unknown => {
    if (fakes.has(token)) return fakes.get(token);
    let value: unknown;
    if (token === DataSource) value = database.dataSource;
    else if (token === EntityManager) value = database.manager;
    else if (optional.has(index) && (typeof token !== 'function' || token === Object)) return undefined;
    else if (typeof token === 'function' && token !== Object) value = automock(token as AnyClass);
    else
      throw new Error(
        `${Service.name}: cannot fake parameter ${index} (${tokenName(token)}); give a value in options.provide`,
      );
    fakes.set(token, value);
    return value;
  };
  const deps = tokens.map(resolve);
  const sut = new Service(...(deps as unknown as A));
  return {
    sut,
    deps: deps as TestService<S, A>['deps'],
    fake: <T>(token: abstract new (...args: never[]) => T) => {
      if (!fakes.has(token)) throw new Error(`${Service.name} takes no ${tokenName(token)}`);
      return fakes.get(token) as Fake<T>;
    },
    config,
    ...database,
  };
}
