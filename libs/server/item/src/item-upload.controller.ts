import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { DomainError, ErrorCode, isUuid } from '@clinrank/domain';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  APP_CONFIG,
  CurrentUser,
  LOGGER,
  Roles,
  toGraphQLError,
  userActor,
  type AppConfig,
  type AuthenticatedUser,
} from '@clinrank/server-core';
import { ProjectService, type ProjectEntity } from '@clinrank/server-project';
import {
  ItemImportService,
  assertProjectKindSupportsImport,
  type ImportProgress,
  type ImportReport,
} from './item-import.service.js';

const PROGRESS_INTERVAL_MS = 250;

/** One line of the upload's NDJSON answer: progress while the file is read, then the report or an error. */
export type UploadEvent =
  | ({ type: 'progress' } & ImportProgress)
  | { type: 'report'; report: ImportReport }
  | { type: 'error'; code: string; message: string };

function tooLarge(maxBytes: number): DomainError {
  const megabytes = Math.floor(maxBytes / (1024 * 1024));
  return new DomainError(
    ErrorCode.PayloadTooLarge,
    `The file is larger than the import limit of ${megabytes} MB (${maxBytes} bytes); split it, or ask an administrator to raise MAX_IMPORT_BYTES`,
    'file',
  );
}

/**
 * Spools the request body to a file in `dir` as fast as the client sends it, so the request completes at network
 * speed: Node ends a request whose body is still arriving after server.requestTimeout (300 s), and importing a large
 * file takes longer than that. Past the limit the rest is drained unread and PAYLOAD_TOO_LARGE thrown.
 */
async function spoolBody(request: Request, dir: string, maxBytes: number): Promise<string> {
  const path = join(dir, 'upload.jsonl');
  const file = createWriteStream(path);
  let received = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      received += chunk.length;
      // Past the limit the rest is still read (not kept), so the client gets the 413 rather than a reset connection.
      if (received <= maxBytes && !file.write(chunk)) await once(file, 'drain');
    }
  } finally {
    file.end();
    await once(file, 'close');
  }
  if (received > maxBytes) throw tooLarge(maxBytes);
  return path;
}

/**
 * Large imports from the UI: the JSONL file is the raw request body (application/x-ndjson). It is spooled to a
 * temporary file, then read into the import service line by line, never held whole in memory; the answer streams
 * NDJSON progress events, then the report. Refusals before the import starts (no token, wrong role, unknown or locked
 * project, a body over the limit) are plain HTTP errors with a JSON code.
 */
@Controller('api')
@Roles('lead', 'admin')
export class ItemUploadController {
  constructor(
    private readonly imports: ItemImportService,
    private readonly projects: ProjectService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get('import-limits')
  limits(): { maxBytes: number } {
    return { maxBytes: this.config.maxImportBytes };
  }

  @Post('projects/:projectId/import')
  async upload(
    @Param('projectId') projectId: string,
    @Query('strict') strict: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    if (!isUuid(projectId)) throw new DomainError(ErrorCode.BadUserInput, 'The project id must be a UUID', 'projectId');
    if (Number(request.headers['content-length'] ?? 0) > this.config.maxImportBytes) {
      // The body is not read: close the connection after answering rather than drain it.
      response.setHeader('Connection', 'close');
      throw tooLarge(this.config.maxImportBytes);
    }
    const project = await this.projects.get(projectId);
    assertProjectKindSupportsImport(project);
    const dir = await mkdtemp(join(tmpdir(), 'clinrank-import-'));
    try {
      const path = await spoolBody(request, dir, this.config.maxImportBytes);
      await this.importSpooled(project, path, strict === 'true', user, response);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async importSpooled(
    project: ProjectEntity,
    path: string,
    strict: boolean,
    user: AuthenticatedUser,
    response: Response,
  ): Promise<void> {
    response.status(200).type('application/x-ndjson').setHeader('Cache-Control', 'no-store');
    response.flushHeaders();
    const send = (event: UploadEvent) => response.write(`${JSON.stringify(event)}\n`);
    let lastSent = 0;
    const onProgress = (progress: ImportProgress) => {
      const now = performance.now();
      if (now - lastSent < PROGRESS_INTERVAL_MS) return;
      lastSent = now;
      send({ type: 'progress', ...progress });
    };
    try {
      const report = await this.imports.importStream(
        project,
        createReadStream(path),
        { strict },
        userActor(user),
        onProgress,
      );
      send({ type: 'report', report });
    } catch (error) {
      const { message, extensions } = toGraphQLError(error, this.logger);
      send({ type: 'error', code: String(extensions.code), message });
    }
    response.end();
  }
}
