import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthenticatedUser } from './principal.js';

export function requestFromContext(context: ExecutionContext): {
  user?: AuthenticatedUser;
  headers: Record<string, string | undefined>;
  ip?: string;
} {
  if (context.getType<string>() === 'graphql') return GqlExecutionContext.create(context).getContext().req;
  return context.switchToHttp().getRequest();
}

/** The signed-in user, as put on the request by the auth guard. */
export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = requestFromContext(context).user;
  if (!user) throw new Error('CurrentUser used on an operation the auth guard did not authenticate');
  return user;
});
