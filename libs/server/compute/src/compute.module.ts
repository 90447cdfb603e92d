import { Global, Module } from '@nestjs/common';
import { HEAVY_COMPUTE } from './heavy-compute.js';
import { PooledHeavyCompute } from './pooled-heavy-compute.js';

/** Heavy statistics off the event loop, for every module that asks for HEAVY_COMPUTE. */
@Global()
@Module({ providers: [{ provide: HEAVY_COMPUTE, useClass: PooledHeavyCompute }], exports: [HEAVY_COMPUTE] })
export class ComputeModule {}
