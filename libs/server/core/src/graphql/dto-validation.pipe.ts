import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';

const VALIDATED_BY_DOMAIN = Symbol('validatedByDomain');

/**
 * Marks a GraphQL input class whose values the resolver checks itself with the domain's own functions (same coded
 * errors): the global validation pipe leaves it alone, so the hot path skips class-transformer's copy of the value and
 * class-validator's walk over its decorators.
 */
export function ValidatedByDomain(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(VALIDATED_BY_DOMAIN, true, target);
  };
}

/** Nest's ValidationPipe (class-validator) for every input class but those marked @ValidatedByDomain. */
export class DtoValidationPipe extends ValidationPipe {
  protected override toValidate(metadata: ArgumentMetadata): boolean {
    if (metadata.metatype && Reflect.getOwnMetadata(VALIDATED_BY_DOMAIN, metadata.metatype)) return false;
    return super.toValidate(metadata);
  }
}
