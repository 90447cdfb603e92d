import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  JSON_LIMITS,
  TEXT_LIMITS,
  findTextDefect,
  jsonDepth,
  type TextField,
} from '@clinrank/domain';

/** Argument names that hold one of the table's fields under another name. */
const ARGUMENT_FIELDS: Record<string, TextField> = {
  encoderPath: 'modelPath',
  baseline: 'modelName',
  coderA: 'coder',
  coderB: 'coder',
  metricNames: 'metricName',
};

function limitFor(name: string): number {
  const field = ARGUMENT_FIELDS[name] ?? name;
  return field in TEXT_LIMITS ? TEXT_LIMITS[field as TextField] : TEXT_LIMITS.argument;
}

/**
 * The one rule for every string a client sends: before any resolver runs, each GraphQL argument (input objects and
 * JSON included, keys too) is searched for a NUL or a lone surrogate, which PostgreSQL cannot store, and is refused
 * with BAD_USER_INPUT naming the argument. Plain string arguments without a DTO get their length limit here as well,
 * and no argument may nest deeper than JSON_LIMITS.maxDepth.
 */
@Injectable()
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // A resolver's @Args reach pipes as 'body'; @Context and @CurrentUser as 'custom', and are not client strings.
    if (metadata.type !== 'body') return value;
    const name = metadata.data ?? '';
    const depth = jsonDepth(value);
    // Deeper values would overflow the stack of the validation that follows; no argument of ours nests this far.
    if (depth > JSON_LIMITS.maxDepth)
      throw new DomainError(
        ErrorCode.BadUserInput,
        `Invalid input: argument "${name || 'arguments'}" is nested ${depth} levels deep; at most ${JSON_LIMITS.maxDepth} are allowed`,
        name || undefined,
      );
    const defect = findTextDefect(value, name);
    if (defect)
      throw new DomainError(
        ErrorCode.BadUserInput,
        `Invalid input: argument "${defect.path}" ${defect.reason}`,
        defect.path,
      );
    for (const [index, text] of (Array.isArray(value) ? value : [value]).entries()) {
      if (typeof text !== 'string' || !name) continue;
      const limit = limitFor(name);
      if (text.length > limit) {
        const path = Array.isArray(value) ? `${name}[${index}]` : name;
        throw new DomainError(
          ErrorCode.BadUserInput,
          `Invalid input: argument "${path}" is ${text.length} characters; at most ${limit} are allowed`,
          path,
        );
      }
    }
    return value;
  }
}
