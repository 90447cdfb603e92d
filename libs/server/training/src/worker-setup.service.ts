import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@clinrank/server-core';
import { workerSetup, type WorkerSetup } from './worker-setup.js';

/** The worker commands the GPU nodes page shows, from the database this server actually uses. */
@Injectable()
export class WorkerSetupService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  setup(): WorkerSetup {
    const url = (this.dataSource.options as { url?: string }).url ?? '';
    return workerSetup(url, this.config.databaseUrl === null, this.config.dataDir);
  }
}
