import { Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { DomainError, ErrorCode } from '@clinrank/domain';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { APP_CONFIG, CurrentUser, LOGGER, Roles, toGraphQLError, userActor, type AppConfig, type AuthenticatedUser } from '@clinrank/server-core';
import { ProjectService } from '@clinrank/server-project';
import { ItemImportService, assertProjectKindSupportsImport, type ImportProgress, type ImportReport } from './item-import.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROGRESS_INTERVAL_MS = 250;

/** One line of the upload's NDJSON answer: progress while the file is read, then the report or an error. */
export type UploadEvent = ({ type: 'progress' } & ImportProgress) | { type: 'report'; report: ImportReport } | { type: 'error'; code: string; message: string };

function tooLarge(maxBytes: number): DomainError {
  const megabytes = Math.floor(maxBytes / (1024 * 1024));
  return new DomainError(ErrorCode.PayloadTooLarge, `The file is larger than the import limit of ${megabytes} MB (${maxBytes} bytes); split it, or ask an administrator to raise MAX_IMPORT_BYTES`, 'file');
}

/** The request body as chunks, ending the import with PAYLOAD_TOO_LARGE once it runs past the limit. */
async function* limitedBody(request: Request, maxBytes: number): AsyncGenerator<Uint8Array> {
  let received = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) throw tooLarge(maxBytes);
    yield chunk;
  }
}

/**
 * Large imports from the UI: the JSONL file is the raw request body (application/x-ndjson), streamed into the import
 * service line by line, never held whole. The answer streams NDJSON events. Refusals found before reading (no
 * token, wrong role, unknown or locked project, Content-Length over the limit) are plain HTTP errors with a JSON code.
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
  async upload(@Param('projectId') projectId: string, @Query('strict') strict: string | undefined, @Req() request: Request, @Res() response: Response, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    if (!UUID.test(projectId)) throw new DomainError(ErrorCode.BadUserInput, 'The project id must be a UUID', 'projectId');
    if (Number(request.headers['content-length'] ?? 0) > this.config.maxImportBytes) {
      // The body is not read: close the connection after answering rather than drain it.
      response.setHeader('Connection', 'close');
      throw tooLarge(this.config.maxImportBytes);
    }
    const project = await this.projects.get(projectId);
    assertProjectKindSupportsImport(project);

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
      const report = await this.imports.importStream(project, limitedBody(request, this.config.maxImportBytes), { strict: strict === 'true' }, userActor(user), onProgress);
      send({ type: 'report', report });
    } catch (error) {
      const { message, extensions } = toGraphQLError(error, this.logger);
      send({ type: 'error', code: String(extensions.code), message });
    }
    response.end();
  }
}
