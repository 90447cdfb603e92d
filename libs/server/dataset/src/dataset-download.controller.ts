import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentUser, userActor, type AuthenticatedUser, Roles } from '@clinrank/server-core';
import { DatasetService } from './dataset.service.js';

const CONTENT_TYPES: Record<string, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};

/** Streams one file of a dataset snapshot; only files its manifest lists, each download audited. */
@Controller('api/datasets')
@Roles('ml_engineer', 'lead', 'admin')
export class DatasetDownloadController {
  constructor(private readonly datasets: DatasetService) {}

  @Get(':id/files/:name')
  async download(
    @Param('id') id: string,
    @Param('name') name: string,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.datasets.openDownload(id, name, userActor(user));
    response.setHeader('Content-Type', CONTENT_TYPES[file.name.split('.').pop() ?? ''] ?? 'application/octet-stream');
    response.setHeader('Content-Length', String(file.bytes));
    response.setHeader('Content-Disposition', `attachment; filename="${file.name}"`);
    await pipeline(file.stream, response);
  }
}
