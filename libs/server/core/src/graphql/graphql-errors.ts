import { ArgumentsHost, BadRequestException, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { isDatabaseUnavailable } from '../database/database-errors.js';

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BadUserInput,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  429: ErrorCode.RateLimited,
  503: ErrorCode.Unavailable,
};

function validationMessage(exception: BadRequestException): string {
  const response = exception.getResponse() as { message?: string | string[] };
  const messages = Array.isArray(response.message) ? response.message : [response.message ?? exception.message];
  return `Invalid input: ${messages.join('; ')}`;
}

/** PostgreSQL's invalid_text_representation: a value (typically an id that is not a UUID) that cannot be read as its column's type. */
const INVALID_TEXT_REPRESENTATION = '22P02';

function isMalformedValue(exception: unknown): boolean {
  const error = exception as { code?: unknown; driverError?: { code?: unknown } } | null;
  return error?.code === INVALID_TEXT_REPRESENTATION || error?.driverError?.code === INVALID_TEXT_REPRESENTATION;
}

/** Maps any thrown value onto a GraphQL error with a code a client can act on; unknown failures are logged, not leaked. */
export function toGraphQLError(exception: unknown, logger: Logger): GraphQLError {
  if (exception instanceof GraphQLError) return exception;
  if (exception instanceof DomainError) {
    const retryable = exception.code === ErrorCode.Unavailable ? { retryable: true } : {};
    return new GraphQLError(exception.message, {
      extensions: { code: exception.code, ...(exception.field ? { field: exception.field } : {}), ...retryable },
    });
  }
  if (exception instanceof BadRequestException) {
    return new GraphQLError(validationMessage(exception), { extensions: { code: ErrorCode.BadUserInput } });
  }
  if (isMalformedValue(exception)) {
    return new GraphQLError('Invalid input: a value is not in the expected form (an id must be a UUID)', {
      extensions: { code: ErrorCode.BadUserInput },
    });
  }
  if (isDatabaseUnavailable(exception)) {
    logger.warn({ err: exception }, 'the database is unavailable');
    return new GraphQLError(
      'The database is unavailable right now; nothing was saved. Try again in a moment (the same request is safe to repeat).',
      {
        extensions: { code: ErrorCode.Unavailable, retryable: true },
      },
    );
  }
  if (exception instanceof HttpException) {
    const code = HTTP_STATUS_CODES[exception.getStatus()] ?? ErrorCode.Internal;
    return new GraphQLError(exception.message, { extensions: { code } });
  }
  const reference = randomUUID();
  logger.error({ err: exception, reference }, 'unexpected error in a GraphQL operation');
  return new GraphQLError(
    `Something went wrong on our side; nothing was saved. Quote reference ${reference} to an administrator.`,
    {
      extensions: { code: ErrorCode.Internal, reference },
    },
  );
}

@Catch()
export class GraphQLErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType<string>() !== 'graphql') {
      const response = host.switchToHttp().getResponse();
      const error = toGraphQLError(exception, this.logger);
      const code = error.extensions.code as ErrorCode;
      const status = Number(Object.entries(HTTP_STATUS_CODES).find(([, value]) => value === code)?.[0] ?? 500);
      response.status(status).json({ error: { code, message: error.message } });
      return;
    }
    return toGraphQLError(exception, this.logger);
  }
}

/** Strips stack traces and internals from what leaves the server. */
export function formatGraphQLError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
}
