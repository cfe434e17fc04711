import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../common/errors.js';
import { connectionOf, encodeCursor } from './connection.js';

/** Paging rules, given a list of ten items (places 0..9). */
const items = Array.from({ length: 10 }, (_, index) => `item-${index}`);
const page = (args: Parameters<typeof connectionOf>[1]) => {
  const { nodes, pageInfo, totalCount } = connectionOf(items, args);
  const { hasNextPage, hasPreviousPage, startCursor, endCursor } = pageInfo;
  return { nodes, hasNextPage, hasPreviousPage, startCursor, endCursor, total: totalCount };
};
const cursor = encodeCursor;

describe('connections: first/after forward, last/before backward', () => {
  it('given no arguments, when paged, then the first 20 (here all ten), nothing either side', () => {
    assert.deepEqual(page({}), {
      nodes: items,
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: cursor(0),
      endCursor: cursor(9),
      total: 10,
    });
  });

  it('given first 3 after place 2, then places 3..5 with items on both sides', () => {
    const result = page({ first: 3, after: cursor(2) });
    assert.deepEqual(result.nodes, ['item-3', 'item-4', 'item-5']);
    assert.deepEqual([result.hasPreviousPage, result.hasNextPage], [true, true]);
    assert.equal(result.total, 10, 'the total ignores the cursors');
  });

  it('given last 3, then the last three in order, more before and none after', () => {
    const result = page({ last: 3 });
    assert.deepEqual(result.nodes, ['item-7', 'item-8', 'item-9']);
    assert.deepEqual([result.hasPreviousPage, result.hasNextPage], [true, false]);
    assert.equal(result.startCursor, cursor(7));
  });

  it('given last 2 before place 2, then places 0 and 1, nothing before, more after', () => {
    const result = page({ last: 2, before: cursor(2) });
    assert.deepEqual(result.nodes, ['item-0', 'item-1']);
    assert.deepEqual([result.hasPreviousPage, result.hasNextPage], [false, true]);
  });

  it('given after and before, then only the window between them', () => {
    const result = page({ after: cursor(3), before: cursor(6) });
    assert.deepEqual(result.nodes, ['item-4', 'item-5']);
    assert.deepEqual([result.hasPreviousPage, result.hasNextPage], [true, true]);
  });

  it('given an empty page, then no cursors', () => {
    const result = page({ first: 0 });
    assert.deepEqual(result.nodes, []);
    assert.deepEqual(
      [result.startCursor, result.endCursor, result.hasNextPage],
      [null, null, true],
    );
  });

  it('refuses first with last, a size past 100 and a forged cursor, naming the argument', () => {
    const refusal = (args: Parameters<typeof connectionOf>[1], field: string) => {
      assert.throws(
        () => connectionOf(items, args),
        (error: unknown) => error instanceof AppError && error.field === field,
      );
    };
    refusal({ first: 1, last: 1 }, 'last');
    refusal({ last: 101 }, 'last');
    refusal({ before: 'constructor' }, 'before');
    refusal({ after: Buffer.from('place:99999999999').toString('base64url') }, 'after');
  });
});
