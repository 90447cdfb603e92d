import { Module } from '@nestjs/common';
import { DatasetDownloadController } from './dataset-download.controller.js';
import { DatasetResolver } from './dataset.resolver.js';
import { DatasetService } from './dataset.service.js';

@Module({ controllers: [DatasetDownloadController], providers: [DatasetService, DatasetResolver], exports: [DatasetService] })
export class DatasetModule {}
