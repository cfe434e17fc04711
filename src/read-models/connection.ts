import type { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { AppError } from '../common/errors.js';
import { defaultPageSize, maxPageSize } from '../common/paging.js';

/**
 * Relay connections, as GitHub's and Shopify's APIs page: `first`/`after` forward, `last`/
 * `before` backward, cursors opaque, and a PageInfo that says on both sides whether more items
 * are there (exactly: both are computed, not guessed).
 */

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'Whether items follow the last one of this page (or `before`).' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede the first one of this page (or `after`).' })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the page’s first item: pass it as `before` for the page before.',
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the page’s last item: pass it as `after` for the page after.',
  })
  endCursor!: string | null;
}

/** The paging arguments every connection takes. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `The first n items (after \`after\`), at most 100; 20 when neither first nor last is given.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Only items after this cursor.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `The last n items (before \`before\`), at most 100. Not with first.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Only items before this cursor.' })
  before?: string | null;
}

export interface ConnectionShape<Node> {
  edges: { cursor: string; node: Node }[];
  nodes: Node[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type over `node`: edges, nodes, pageInfo and the total count. */
export function Connection<Node>(node: Type<Node>, name: string): Type<ConnectionShape<Node>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class Edge {
    @Field({ description: 'Where this item is in its list; opaque.' }) cursor!: string;
    @Field(() => node, { description: 'The item.' }) node!: Node;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<Node> {
    @Field(() => [Edge], { description: 'The page’s items with their cursors.' })
    edges!: Edge[];

    @Field(() => [node], { description: 'The page’s items, without cursors.' })
    nodes!: Node[];

    @Field(() => PageInfo, { description: 'Whether there are more pages, and their cursors.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Matching items in all pages.' })
    totalCount!: number;
  }
  return ConnectionType as Type<ConnectionShape<Node>>;
}

export { defaultPageSize, maxPageSize };

/** Cursors are opaque to clients: the base64 of the item's place in its list. */
export function encodeCursor(place: number): string {
  return Buffer.from(`place:${place}`).toString('base64url');
}

/** Places are row numbers of an `integer` column: a cursor past them was never given out. */
const maxPlace = 2 ** 31 - 2;

function decodeCursor(cursor: string | null | undefined, field: string): number | null {
  if (cursor == null) return null;
  const match = /^place:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  const place = match ? Number(match[1]) : Number.NaN;
  if (!(place >= 0 && place <= maxPlace)) {
    throw new AppError('VALIDATION_FAILED', `${field} is not a cursor this list gave`, field);
  }
  return place;
}

function sizeOf(value: number | null | undefined, field: string): number | null {
  if (value == null) return null;
  if (!Number.isInteger(value) || value < 0 || value > maxPageSize) {
    throw new AppError('VALIDATION_FAILED', `${field} must be between 0 and ${maxPageSize}`, field);
  }
  return value;
}

/** A page asked for, checked: the window between the cursors, and from which end how many. */
export interface PageRequest {
  /** Items with a place greater than this (-1: from the start). */
  readonly after: number;
  /** Items with a place less than this (null: to the end). */
  readonly before: number | null;
  readonly size: number;
  readonly fromEnd: boolean;
}

export function pageRequestOf(args: PageArgs): PageRequest {
  const first = sizeOf(args.first, 'first');
  const last = sizeOf(args.last, 'last');
  if (first !== null && last !== null) {
    throw new AppError('VALIDATION_FAILED', 'first and last cannot be combined: pick one', 'last');
  }
  return {
    after: decodeCursor(args.after, 'after') ?? -1,
    before: decodeCursor(args.before, 'before'),
    size: last ?? first ?? defaultPageSize,
    fromEnd: last !== null,
  };
}

/** What a page's source found: the rows in the window (one more than asked, from its end). */
export interface PageRows<Node> {
  /** In the order fetched: ascending from the start, or descending from the end. */
  readonly rows: readonly { place: number; node: Node }[];
  readonly totalCount: number;
  /** Whether items lie outside the window: at or before `after`, at or after `before`. */
  readonly beforeWindow: boolean;
  readonly afterWindow: boolean;
}

export function toConnection<Node>(
  request: PageRequest,
  found: PageRows<Node>,
): ConnectionShape<Node> {
  const truncated = found.rows.length > request.size;
  const taken = found.rows.slice(0, request.size);
  const page = request.fromEnd ? taken.reverse() : taken;
  const edges = page.map((row) => ({ cursor: encodeCursor(row.place), node: row.node }));
  return {
    edges,
    nodes: page.map((row) => row.node),
    pageInfo: {
      hasNextPage: found.afterWindow || (!request.fromEnd && truncated),
      hasPreviousPage: found.beforeWindow || (request.fromEnd && truncated),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: found.totalCount,
  };
}

/** A page of a list held in memory, each item's place its index. */
export function connectionOf<Node>(items: readonly Node[], args: PageArgs): ConnectionShape<Node> {
  const request = pageRequestOf(args);
  const end = Math.min(items.length, request.before ?? items.length);
  const start = Math.min(end, request.after + 1);
  const window = items.slice(start, end).map((node, index) => ({ place: start + index, node }));
  const rows = request.fromEnd
    ? window.slice(-(request.size + 1)).reverse()
    : window.slice(0, request.size + 1);
  return toConnection(request, {
    rows,
    totalCount: items.length,
    beforeWindow: start > 0,
    afterWindow: end < items.length,
  });
}
