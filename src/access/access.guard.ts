import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/errors.js';
import type { Principal } from './principal.js';
import { TokenCache } from './token-cache.js';

const isPublic = 'sprint-ledger:public';
/** Open to anyone: health probes. Everything else needs a token. */
export const Public = () => SetMetadata(isPublic, true);

type AuthenticatedRequest = FastifyRequest & {
  principal?: Principal | null;
  /** One token lookup per request, shared by root fields that the guard checks in parallel. */
  principalLookup?: Promise<Principal | null>;
};

/**
 * Finds the principal of a request's bearer token, once per request: root fields that the guard
 * checks in parallel, and the HTTP gate before them, share one lookup.
 */
export async function authenticateRequest(
  tokens: TokenCache,
  request: FastifyRequest,
): Promise<Principal | null> {
  const authenticated = request as AuthenticatedRequest;
  if (authenticated.principal === undefined) {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    authenticated.principalLookup ??= token ? tokens.principalOf(token) : Promise.resolve(null);
    authenticated.principal = await authenticated.principalLookup;
  }
  return authenticated.principal;
}

/** The principal the guard found for this request; only called behind the guard. */
export function principalOfRequest(request: FastifyRequest): Principal {
  const principal = (request as AuthenticatedRequest).principal;
  if (!principal)
    throw new AppError('UNAUTHENTICATED', 'a valid API token is required', 'authorization');
  return principal;
}

/**
 * Every query, mutation and HTTP route needs `Authorization: Bearer <token>` of a live token;
 * any role may read. What a principal may change is decided with the sprint's state, in the
 * command handler (`authorize`).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (
      this.reflector.getAllAndOverride<boolean>(isPublic, [
        context.getHandler(),
        context.getClass(),
      ])
    ) {
      return true;
    }
    const request: AuthenticatedRequest =
      context.getType<string>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ request: AuthenticatedRequest }>()
            .request
        : context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!(await authenticateRequest(this.tokens, request))) {
      throw new AppError(
        'UNAUTHENTICATED',
        'a valid API token is required: Authorization: Bearer <token>',
        'authorization',
      );
    }
    return true;
  }
}
