import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AppError } from '../common/errors.js';

@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface ConnectionShape<Node> {
  edges: { cursor: string; node: Node }[];
  nodes: Node[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type over `node`: edges, nodes, pageInfo and the total count. */
export function Connection<Node>(node: Type<Node>, name: string): Type<ConnectionShape<Node>> {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field() cursor!: string;
    @Field(() => node) node!: Node;
  }

  @ObjectType({ isAbstract: true })
  abstract class ConnectionType implements ConnectionShape<Node> {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => [node]) nodes!: Node[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Matching items in all pages.' }) totalCount!: number;
  }
  return ConnectionType as Type<ConnectionShape<Node>>;
}

export const maxPageSize = 100;
export const defaultPageSize = 20;

/** Cursors are opaque to clients: the base64 of the item's place in its list. */
export function encodeCursor(place: number): string {
  return Buffer.from(`place:${place}`).toString('base64url');
}

/** Places are row numbers of an `integer` column: a cursor past them was never given out. */
const maxPlace = 2 ** 31 - 2;

export function decodeCursor(cursor: string | null | undefined): number {
  if (cursor == null) return -1;
  const match = /^place:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  const place = match ? Number(match[1]) : Number.NaN;
  if (!(place >= 0 && place <= maxPlace)) {
    throw new AppError('VALIDATION_FAILED', 'after is not a cursor this list gave', 'after');
  }
  return place;
}

export function pageSize(first: number | null | undefined): number {
  if (first == null) return defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > maxPageSize) {
    throw new AppError('VALIDATION_FAILED', `first must be between 0 and ${maxPageSize}`, 'first');
  }
  return first;
}

/** Makes a page from rows fetched with one more than asked for, each with its place. */
export function toConnection<Node>(
  rows: readonly { place: number; node: Node }[],
  first: number,
  totalCount: number,
): ConnectionShape<Node> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(row.place), node: row.node }));
  return {
    edges,
    nodes: page.map((row) => row.node),
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
