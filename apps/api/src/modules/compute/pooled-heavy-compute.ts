import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { pooledCompute, type HeavyCompute } from './heavy-compute.js';
import type { HeavyTaskInput, HeavyTaskName, HeavyTaskOutput } from './heavy-tasks.js';

/** The API server's HeavyCompute: a worker-thread pool, closed with the application. */
@Injectable()
export class PooledHeavyCompute implements HeavyCompute, OnModuleDestroy {
  private readonly pool = pooledCompute();

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
