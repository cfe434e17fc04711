import { Injectable } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import {
  allRowParts,
  loadSprintRows,
  sprintRowsOfRequest,
  type Remember,
  type RowPart,
  type SprintRows,
} from './sprint-rows.js';

/**
 * A view of one sprint built from its read-model rows, asked of the QueryBus. Within a GraphQL
 * request the rows are read once for all the views it asks for, after the request's principal
 * is checked; without a request (a subscription that checked its reader) they are read anew.
 */
export class SprintViewQuery<View> extends Query<View | null> {
  constructor(
    readonly sprintId: string,
    readonly build: (rows: SprintRows, remember: Remember) => View,
    readonly request: FastifyRequest | null = null,
    /** The parts of the sprint the view reads; the others read as empty. */
    readonly needs: readonly RowPart[] = allRowParts,
  ) {
    super();
  }
}

@Injectable()
@QueryHandler(SprintViewQuery)
export class SprintViewHandler implements IQueryHandler<SprintViewQuery<unknown>, unknown> {
  /** What views derived from a sprint at a version (its critical path), the latest first out. */
  private readonly derived = new Map<string, unknown>();

  constructor(private readonly pool: Pool) {}

  async execute({ sprintId, build, request, needs }: SprintViewQuery<unknown>): Promise<unknown> {
    const rows = request
      ? await sprintRowsOfRequest(request, this.pool, sprintId, needs)
      : await loadSprintRows(this.pool, sprintId, needs);
    return rows ? build(rows, this.rememberFor(rows)) : null;
  }

  private rememberFor({ overview, tasks }: SprintRows): Remember {
    // The task count guards against rows read without their tasks.
    const version = `${overview.id}@${overview.version}:${tasks.length}`;
    return <T>(name: string, compute: () => T): T => {
      const key = `${version}:${name}`;
      if (this.derived.has(key)) return this.derived.get(key) as T;
      const value = compute();
      this.derived.set(key, value);
      for (const oldest of this.derived.keys()) {
        if (this.derived.size <= 64) break;
        this.derived.delete(oldest);
      }
      return value;
    };
  }
}
