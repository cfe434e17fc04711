import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Logger } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { AppError } from './errors.js';
import { withGraphqlErrors } from './graphql-errors.js';

Logger.overrideLogger(false);

async function failureOf(error: Error): Promise<GraphQLError> {
  async function* failing(): AsyncGenerator<number> {
    yield await Promise.resolve(1);
    throw error;
  }
  const received: number[] = [];
  try {
    for await (const value of withGraphqlErrors(failing())) received.push(value);
  } catch (thrown) {
    assert.deepEqual(received, [1], 'what came before the failure still arrives');
    assert.ok(thrown instanceof GraphQLError);
    return thrown;
  }
  return assert.fail('the failure should reach the subscriber');
}

describe('a subscription failing after it started', () => {
  it('keeps the code and field of the service’s own errors', async () => {
    const error = await failureOf(new AppError('NOT_FOUND', 'no sprint x', 'sprintId'));
    assert.equal(error.message, 'no sprint x');
    assert.deepEqual(error.extensions, { code: 'NOT_FOUND', field: 'sprintId' });
  });

  it('says UNAVAILABLE, retryable, when the database went away', async () => {
    const lost = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const error = await failureOf(lost);
    assert.deepEqual(error.extensions, { code: 'UNAVAILABLE', retryable: true });
    assert.doesNotMatch(error.message, /administrator/);
  });

  it('masks anything unexpected as INTERNAL', async () => {
    const error = await failureOf(new Error('relation "secret_table" does not exist'));
    assert.equal(error.message, 'internal error');
    assert.deepEqual(error.extensions, { code: 'INTERNAL' });
  });
});
