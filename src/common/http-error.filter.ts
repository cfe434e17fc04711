import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { clientErrorOf } from './client-error.js';
import { AppError } from './errors.js';

/**
 * The service's errors on plain HTTP routes: a status and `{ code, message, field }`. In a
 * GraphQL operation the error goes on to the GraphQL error formatter instead.
 */
@Catch(AppError)
export class AppErrorFilter implements ExceptionFilter<AppError> {
  catch(error: AppError, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { code, message, field, httpStatus } = clientErrorOf(error);
    // JSON whatever the route answers otherwise (the markdown route sets text/markdown first).
    return reply
      .status(httpStatus)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ code, message, field });
  }
}
