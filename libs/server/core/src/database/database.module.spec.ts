import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { forwardRef, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { assertEntitiesKnown, DatabaseModule, featureEntities } from './database.module.js';

class Alpha {}
class Beta {}
class Gamma {}
class Delta {}

@Module({ imports: [DatabaseModule.forFeature([Alpha, Beta])] })
class SharedFeature {}

@Module({ imports: [DatabaseModule.forFeature([Gamma]), SharedFeature] })
class GammaFeature {}

@Module({ imports: [forwardRef(() => DeltaFeature), SharedFeature] })
class LoopFeature {}

@Module({ imports: [DatabaseModule.forFeature([Delta]), forwardRef(() => LoopFeature)] })
class DeltaFeature {}

@Module({})
class NoTables {}

describe('featureEntities', () => {
  it('collects what every imported module declared, through nested imports, each entity once', () => {
    expect(featureEntities([GammaFeature, NoTables, SharedFeature])).toEqual([Gamma, Alpha, Beta]);
  });

  it('follows forward references and stops at import loops', () => {
    expect(featureEntities([LoopFeature])).toEqual([Delta, Alpha, Beta]);
  });

  it('reads dynamic modules, their own imports included', () => {
    const dynamic = { module: NoTables, imports: [DatabaseModule.forFeature([Delta])] };
    expect(featureEntities([dynamic, DatabaseModule.forFeature([Alpha])])).toEqual([Delta, Alpha]);
  });

  it('is empty for modules that declare no entity', () => {
    expect(featureEntities([NoTables])).toEqual([]);
  });
});

describe('a feature module started with a data source', () => {
  function dataSourceOf(entities: unknown[]): DataSource {
    return new DataSource({ type: 'postgres', entities: entities as never[] });
  }

  async function start(dataSource: DataSource) {
    @Module({ imports: [DatabaseModule.forRoot(dataSource), GammaFeature] })
    class Application {}
    return NestFactory.createApplicationContext(Application, { logger: false, abortOnError: false });
  }

  it('starts when the data source maps every entity the modules declared', async () => {
    const dataSource = dataSourceOf(featureEntities([GammaFeature]));
    const context = await start(dataSource);
    expect(context.get(DataSource)).toBe(dataSource);
    await context.close();
  });

  it('refuses to start, naming the entity, when the data source lacks one', async () => {
    await expect(start(dataSourceOf([Alpha, Gamma]))).rejects.toThrow(/built without Beta/);
  });

  it('assertEntitiesKnown leaves a data source configured by path patterns alone', () => {
    expect(() => assertEntitiesKnown(dataSourceOf(['dist/**/*.entity.js']), [Alpha])).not.toThrow();
  });
});
