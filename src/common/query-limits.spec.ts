import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildSchema, parse } from 'graphql';
import { operationCost } from './query-limits.js';

/** The cost measure, given a schema with a connection and a plain list. */
const schema = buildSchema(`
  type Query { sprint: Sprint, items(first: Int, last: Int): ItemConnection }
  type Sprint { name: String, tasks: [Item], items(first: Int): ItemConnection }
  type ItemConnection { nodes: [Item], totalCount: Int }
  type Item { id: String, title: String }
`);
const cost = (query: string) => operationCost(parse(query), null, schema);

describe('the cost of an operation', () => {
  it('given plain fields, then 1 each', () => {
    assert.equal(cost('{ sprint { name } }'), 2);
  });

  it('given a connection with first or last, then its fields count once per item asked', () => {
    assert.equal(cost('{ items(first: 5) { nodes { id } } }'), 1 + 5 * 2);
    assert.equal(cost('{ items(last: 3) { totalCount } }'), 1 + 3 * 1);
  });

  it('given a connection asked for without first or last, then its default page of 20', () => {
    assert.equal(cost('{ items { nodes { id title } } }'), 1 + 20 * 3);
    assert.equal(cost('{ sprint { items { nodes { id } } } }'), 1 + 1 + 20 * 2);
  });

  it('given a page size in a variable, then the most a page may hold, 100', () => {
    assert.equal(cost('query ($n: Int) { items(first: $n) { totalCount } }'), 1 + 100);
  });

  it('given a plain list, then once: the plan bounds it, not the query', () => {
    assert.equal(cost('{ sprint { tasks { id } } }'), 3);
  });

  it('given a fragment on its type, then the same as written out, wherever it is spread', () => {
    const written = cost(
      '{ items { nodes { id title } } a: items(first: 2) { nodes { id title } } }',
    );
    const spread = cost(`{ items { ...Page } a: items(first: 2) { ...Page } }
      fragment Page on ItemConnection { nodes { id title } }`);
    assert.equal(spread, written);
    assert.equal(cost('{ ... on Query { items { totalCount } } }'), 1 + 20);
  });

  it('given no schema, then every field once, as before the schema was known', () => {
    assert.equal(operationCost(parse('{ items { nodes { id } } }')), 3);
  });
});
