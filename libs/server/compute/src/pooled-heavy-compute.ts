import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@clinrank/server-core';
import { inlineCompute, pooledCompute, type HeavyCompute } from './heavy-compute.js';
import type { HeavyTaskInput, HeavyTaskName, HeavyTaskOutput } from './heavy-tasks.js';

/** The API server's HeavyCompute: a worker-thread pool, closed with the application. */
@Injectable()
export class PooledHeavyCompute implements HeavyCompute, OnModuleDestroy {
  private readonly pool: HeavyCompute;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = config.computeThreads > 0 ? pooledCompute(config.computeThreads) : inlineCompute;
  }

  run<N extends HeavyTaskName>(name: N, input: HeavyTaskInput<N>): Promise<HeavyTaskOutput<N>> {
    return this.pool.run(name, input);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
