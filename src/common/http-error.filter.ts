import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, type ErrorCode } from './errors.js';

const statusOf: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  VERSION_CONFLICT: 409,
  UNAVAILABLE: 503,
};

/**
 * The service's errors on plain HTTP routes: a status and `{ code, message, field }`. In a
 * GraphQL operation the error goes on to the GraphQL error formatter instead.
 */
@Catch(AppError)
export class AppErrorFilter implements ExceptionFilter<AppError> {
  catch(error: AppError, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    // JSON whatever the route answers otherwise (the markdown route sets text/markdown first).
    return reply
      .status(statusOf[error.code] ?? 422)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ code: error.code, message: error.message, field: error.field ?? null });
  }
}
