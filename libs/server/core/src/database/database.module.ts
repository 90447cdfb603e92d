import { Module, type DynamicModule, type ForwardReference, type Provider, type Type } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An entity class (`@Entity()`), as TypeORM's `entities` option takes it. */
export type EntityClass = Function;

/** What a module's `imports` may hold: a class, a dynamic module, or a forward reference to either. */
export type ModuleEntry = Type<unknown> | DynamicModule | ForwardReference | Promise<DynamicModule>;

/** The provider token under which `DatabaseModule.forFeature` keeps its entities; `featureEntities` reads it. */
export const FEATURE_ENTITIES = 'clinrank:feature-entities';

/** Fails the application's start when its data source was built without an entity a feature module declared. */
export function assertEntitiesKnown(dataSource: DataSource, entities: readonly EntityClass[]): void {
  const known = dataSource.options.entities;
  // Entities given as path patterns (or schemas) cannot be compared with classes: nothing to check.
  if (!Array.isArray(known) || known.some((entity) => typeof entity !== 'function')) return;
  const missing = entities.filter((entity) => !known.includes(entity));
  if (missing.length) {
    throw new Error(
      `the data source was built without ${missing.map((entity) => entity.name).join(', ')}: build it with ` +
        'featureEntities(<the modules the application imports>)',
    );
  }
}

/**
 * The database side of a feature module. A feature declares the tables it owns with `DatabaseModule.forFeature([...])`
 * in its `imports`; the data source is built from `featureEntities(<the application's modules>)`, the union of those
 * declarations, so no list anywhere imports every feature's entities.
 */
@Module({})
export class DatabaseModule {
  /** The application's one data source, for every module (global): the root of an application imports it once. */
  static forRoot(dataSource: DataSource): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      // A factory, not useValue: Nest keys a dynamic module by a deep hash of its metadata, and serializing a data
      // source (every entity's metadata) took 50-120 ms at each start of the API and of every CLI command.
      providers: [{ provide: DataSource, useFactory: () => dataSource }],
      exports: [DataSource],
    };
  }

  static forFeature(entities: EntityClass[]): DynamicModule {
    const declared: Provider = { provide: FEATURE_ENTITIES, useValue: [...entities] };
    const checked: Provider = {
      provide: `${FEATURE_ENTITIES}:checked`,
      inject: [DataSource],
      useFactory: (dataSource: DataSource) => assertEntitiesKnown(dataSource, entities),
    };
    return { module: DatabaseModule, providers: [declared, checked] };
  }
}

function isForwardReference(entry: unknown): entry is ForwardReference {
  return typeof (entry as ForwardReference | undefined)?.forwardRef === 'function';
}

/**
 * Every entity that `modules` and the modules they import (transitively) declared with `DatabaseModule.forFeature`,
 * each once, in the order they are met: the `entities` of the data source an application of these modules needs.
 */
export function featureEntities(modules: readonly ModuleEntry[]): EntityClass[] {
  const seen = new Set<unknown>();
  const entities = new Set<EntityClass>();
  const visit = (entry: unknown): void => {
    if (isForwardReference(entry)) entry = entry.forwardRef();
    if (!entry || seen.has(entry)) return;
    seen.add(entry);
    if (entry instanceof Promise) throw new Error('featureEntities cannot read an asynchronous dynamic module');
    const dynamic = typeof entry === 'function' ? undefined : (entry as DynamicModule);
    const moduleClass = dynamic ? dynamic.module : entry;
    for (const provider of dynamic?.providers ?? []) {
      if (typeof provider === 'object' && 'provide' in provider && provider.provide === FEATURE_ENTITIES)
        for (const entity of (provider as { useValue: EntityClass[] }).useValue) entities.add(entity);
    }
    const imports = [
      ...((Reflect.getMetadata('imports', moduleClass) as unknown[]) ?? []),
      ...(dynamic?.imports ?? []),
    ];
    imports.forEach(visit);
  };
  modules.forEach(visit);
  return [...entities];
}
