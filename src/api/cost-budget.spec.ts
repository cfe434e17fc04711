import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CostBudget } from './cost-budget.js';

/** The budget rules, given buckets of 100 points refilled at 10 points a second. */
const budget = () => new CostBudget({ enabled: true, capacity: 100, restoreRate: 10 });
const second = 1000;

describe('the query budget: a bucket per token, refilled over time', () => {
  it('given a new token, when it spends 60, then 40 are left of 100', () => {
    const charge = budget().charge('a', 60, 0);
    assert.deepEqual(charge, {
      allowed: true,
      status: { maximumAvailable: 100, currentlyAvailable: 40, restoreRate: 10 },
    });
  });

  it('given 40 left, when 60 more are asked at once, then it is refused with the wait for 20', () => {
    const tokens = budget();
    tokens.charge('a', 60, 0);
    const refused = tokens.charge('a', 60, 0);
    assert.deepEqual(refused, {
      allowed: false,
      status: { maximumAvailable: 100, currentlyAvailable: 40, restoreRate: 10 },
      retryAfterSeconds: 2,
    });
    assert.equal(tokens.charge('a', 40, 0).allowed, true, 'a refusal takes nothing');
  });

  it('given an empty bucket, when the wait has passed, then the same request is served', () => {
    const tokens = budget();
    tokens.charge('a', 100, 0);
    assert.equal(tokens.charge('a', 30, 2 * second).allowed, false);
    assert.equal(tokens.charge('a', 30, 3 * second).allowed, true);
  });

  it('given a long idle time, when it comes back, then the bucket holds its capacity, no more', () => {
    const tokens = budget();
    tokens.charge('a', 100, 0);
    const charge = tokens.charge('a', 0, 3600 * second);
    assert.equal(charge.status.currentlyAvailable, 100);
  });

  it('given a bucket part spent, when it is looked at, then it says what is left and takes nothing', () => {
    const tokens = budget();
    tokens.charge('a', 70, 0);
    assert.equal(tokens.peek('a', second).currentlyAvailable, 40);
    assert.equal(tokens.peek('a', second).currentlyAvailable, 40);
    assert.equal(tokens.peek('new', 0).currentlyAvailable, 100);
  });

  it('given two tokens, when one spends all, then the other still has all', () => {
    const tokens = budget();
    tokens.charge('a', 100, 0);
    assert.equal(tokens.charge('a', 1, 0).allowed, false);
    assert.equal(tokens.charge('b', 100, 0).allowed, true);
  });

  it('given the limit off, when any cost is asked, then it is served and nothing is taken', () => {
    const tokens = new CostBudget({ enabled: false, capacity: 100, restoreRate: 10 });
    for (let call = 0; call < 10; call += 1) assert.equal(tokens.charge('a', 100, 0).allowed, true);
  });

  it('given 20,000 tokens seen once, when they are idle and full again, then they are forgotten', () => {
    const tokens = budget();
    for (let token = 0; token < 20_000; token += 1) tokens.charge(`t${token}`, 1, 0);
    assert.equal(tokens.trackedTokens, 20_000, 'each in use keeps its bucket');
    // Past 10,000 buckets, a new token prunes the full ones: here, all of them.
    assert.equal(tokens.charge('late', 1, 60 * second).allowed, true);
    assert.equal(tokens.trackedTokens, 1, 'only the token in use is kept');
  });
});
