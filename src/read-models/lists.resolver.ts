import { SprintIdArg } from '../common/graphql-arguments.js';
import { Args, Context, Field, Float, ID, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { principalOfRequest } from '../access/access.guard.js';
import { requireReadable } from '../access/authorize.js';
import { Pool } from 'pg';
import {
  type BlockerSeverity,
  type BlockerStatus,
  type CommunicationType,
  type IssueStatus,
} from '../sprints/model/vocabulary.js';
import { Blocker, Communication, Issue } from '../sprints/graphql/log-objects.js';
import {
  BlockerSeverityEnum,
  BlockerStatusEnum,
  CommunicationTypeEnum,
  IssueStatusEnum,
} from '../sprints/graphql/enums.js';
import { SprintEventTypeEnum } from '../sprints/sprint-event-type.graphql.js';
import { PrincipalKindEnum } from '../access/access.resolver.js';
import type { Principal } from '../access/principal.js';
import { stateShaped } from './sprint-rows.js';
import { Connection, PageArgs, pageRequestOf, toConnection } from './connection.js';

@ObjectType({ description: 'One recorded event of a sprint, as the history shows it.' })
export class HistoryEntry {
  @Field(() => Float, { description: "The event's position in the whole log." }) position!: number;
  @Field(() => Int, { description: "The sprint's version this event made." })
  streamVersion!: number;
  @Field(() => ID, { description: "The event's id, stable on Kafka too." }) eventId!: string;
  @Field(() => SprintEventTypeEnum, { description: "The event's type." }) type!: string;
  @Field(() => String, {
    nullable: true,
    description: "Who recorded it: the agent's name for an agent's token, else the token's label.",
  })
  actor!: string | null;
  @Field(() => PrincipalKindEnum, {
    nullable: true,
    description: 'Whether a person, an agent or the service recorded it.',
  })
  actorKind!: Principal['kind'] | null;
  @Field(() => Date, { description: 'When it was recorded.' }) at!: string;
  @Field(() => String, { nullable: true, description: 'The task it is about, if any.' }) taskId!:
    string | null;
  @Field(() => String, { nullable: true, description: 'The issue it is about, if any.' }) issueId!:
    string | null;
  @Field(() => String, { nullable: true, description: 'The agent it is about, if any.' }) agent!:
    string | null;
  @Field(() => String, { nullable: true, description: 'The blocker it is about, if any.' })
  blockerId!: string | null;
  @Field(() => String, { nullable: true, description: 'The checkpoint it is about, if any.' })
  checkpointId!: string | null;
  @Field(() => String, { nullable: true, description: 'For status changes: the status before.' })
  from!: string | null;
  @Field(() => String, { nullable: true, description: 'For status changes: the status after.' })
  to!: string | null;
}

@ObjectType({ description: "A page of a sprint's blockers." })
export class BlockerConnection extends Connection(Blocker, 'Blocker') {}
@ObjectType({ description: "A page of a sprint's issue registry." })
export class IssueConnection extends Connection(Issue, 'Issue') {}
@ObjectType({ description: "A page of a sprint's communication log." })
export class CommunicationConnection extends Connection(Communication, 'Communication') {}
@ObjectType({ description: "A page of a sprint's history." })
export class HistoryConnection extends Connection(HistoryEntry, 'History') {}

type Row = Record<string, unknown>;

/** Builds `WHERE sprint_id = $1 AND ...` from the filters that were given. */
class Filters {
  readonly conditions: string[] = ['sprint_id = $1'];
  readonly values: unknown[];

  constructor(sprintId: string) {
    this.values = [sprintId];
  }

  add(condition: (parameter: string) => string, value: unknown): this {
    if (value === undefined || value === null) return this;
    this.values.push(value);
    this.conditions.push(condition(`$${this.values.length}`));
    return this;
  }

  where(): string {
    return this.conditions.join(' AND ');
  }
}

/**
 * The lists of a sprint as Relay connections, filtered and paged on the read models.
 * Each page is two statements: the page (one row more than asked, to know if more follow)
 * and the total count.
 */
@Resolver()
export class ListsResolver {
  constructor(private readonly pool: Pool) {}

  private async page<Node>(
    table: string,
    order: string,
    filters: Filters,
    args: PageArgs,
    toNode: (row: Row) => Node,
    shaped = true,
  ) {
    const request = pageRequestOf(args);
    const where = filters.where();
    const n = filters.values.length;
    const window = `${order} > $${n + 1} AND ${order} < $${n + 2}`;
    const before = request.before ?? 2 ** 31 - 1;
    const [rows, count] = await Promise.all([
      this.pool.query<Row & { place: string }>(
        `SELECT ${order} AS place, ${shaped ? `${stateShaped(table)} AS record` : 't.*'} FROM ${table} t
         WHERE ${where} AND ${window}
         ORDER BY ${order} ${request.fromEnd ? 'DESC' : 'ASC'} LIMIT $${n + 3}`,
        [...filters.values, request.after, before, request.size + 1],
      ),
      this.pool.query<{
        count: string;
        before_window: boolean | null;
        after_window: boolean | null;
        sprint_exists: boolean;
      }>(
        `SELECT count(*), bool_or(${order} <= $${n + 1}) AS before_window,
                bool_or(${order} >= $${n + 2}) AS after_window,
                EXISTS (SELECT 1 FROM sprint_overview WHERE sprint_id = $1) AS sprint_exists
         FROM ${table} WHERE ${where}`,
        [...filters.values, request.after, before],
      ),
    ]);
    const [counted] = count.rows;
    if (!counted?.sprint_exists) return null;
    return toConnection(request, {
      rows: rows.rows.map((row) => ({
        place: Number(row.place),
        node: toNode(shaped ? (row.record as Row) : row),
      })),
      totalCount: Number(counted.count),
      beforeWindow: counted.before_window === true,
      afterWindow: counted.after_window === true,
    });
  }

  @Query(() => BlockerConnection, {
    nullable: true,
    description: 'Blockers of a sprint, oldest first. Null when no sprint has this id.',
  })
  blockers(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
    @Args() page: PageArgs,
    @Args('status', {
      type: () => BlockerStatusEnum,
      nullable: true,
      description: 'Only those open, or only those resolved.',
    })
    status?: BlockerStatus,
    @Args('severity', {
      type: () => BlockerSeverityEnum,
      nullable: true,
      description: 'Only those of this severity.',
    })
    severity?: BlockerSeverity,
    @Args('agent', {
      type: () => String,
      nullable: true,
      description: 'Only those raised by this agent.',
    })
    agent?: string,
  ) {
    requireReadable(principalOfRequest(request), sprintId);
    const filters = new Filters(sprintId)
      .add((p) => `status = ${p}`, status)
      .add((p) => `severity = ${p}`, severity)
      .add((p) => `agent = ${p}`, agent);
    return this.page(
      'sprint_blockers',
      'ordinal',
      filters,
      page,
      (record) => record as unknown as Blocker,
    );
  }

  @Query(() => IssueConnection, {
    nullable: true,
    description: 'Issues of a sprint, in the order reported. Null when no sprint has this id.',
  })
  issues(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
    @Args() page: PageArgs,
    @Args('status', {
      type: () => IssueStatusEnum,
      nullable: true,
      description: 'Only those in this status.',
    })
    status?: IssueStatus,
    @Args('severity', {
      type: () => BlockerSeverityEnum,
      nullable: true,
      description: 'Only those of this severity.',
    })
    severity?: BlockerSeverity,
    @Args('phase', {
      type: () => Int,
      nullable: true,
      description: 'Only those found in this phase.',
    })
    phase?: number,
    @Args('assignee', {
      type: () => String,
      nullable: true,
      description: 'Only those assigned to this agent.',
    })
    assignee?: string,
  ) {
    requireReadable(principalOfRequest(request), sprintId);
    const filters = new Filters(sprintId)
      .add((p) => `status = ${p}`, status)
      .add((p) => `severity = ${p}`, severity)
      .add((p) => `phase = ${p}`, phase)
      .add((p) => `assignee = ${p}`, assignee);
    return this.page(
      'sprint_issues',
      'ordinal',
      filters,
      page,
      (record) => record as unknown as Issue,
    );
  }

  @Query(() => CommunicationConnection, {
    nullable: true,
    description: 'The communication log, oldest first. Null when no sprint has this id.',
  })
  communications(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
    @Args() page: PageArgs,
    @Args('type', {
      type: () => CommunicationTypeEnum,
      nullable: true,
      description: 'Only those of this type.',
    })
    type?: CommunicationType,
    @Args('from', {
      type: () => String,
      nullable: true,
      description: 'Only those sent by this agent.',
    })
    from?: string,
    @Args('to', {
      type: () => String,
      nullable: true,
      description: 'Only those addressed to this agent.',
    })
    to?: string,
    @Args('since', {
      type: () => Date,
      nullable: true,
      description: 'Only those sent at or after this time.',
    })
    since?: Date,
    @Args('until', {
      type: () => Date,
      nullable: true,
      description: 'Only those sent before this time.',
    })
    until?: Date,
    @Args('unanswered', {
      type: () => Boolean,
      nullable: true,
      description: 'true: only requests and questions still waiting for an answer.',
    })
    unanswered?: boolean,
  ) {
    requireReadable(principalOfRequest(request), sprintId);
    const filters = new Filters(sprintId)
      .add((p) => `type = ${p}`, type)
      .add((p) => `from_agent = ${p}`, from)
      .add((p) => `to_agent = ${p}`, to)
      .add((p) => `at >= ${p}`, since)
      .add((p) => `at <= ${p}`, until)
      .add(
        (p) => `(${p}::boolean = (answered_by IS NULL AND type IN ('REQUEST', 'QUESTION')))`,
        unanswered,
      );
    return this.page(
      'sprint_communications',
      'ordinal',
      filters,
      page,
      (record) => record as unknown as Communication,
    );
  }

  @Query(() => HistoryConnection, {
    nullable: true,
    description:
      'The events of a sprint, or of one of its tasks, issues or agents, oldest first. Null when no sprint has this id.',
  })
  history(
    @SprintIdArg() sprintId: string,
    @Context('request') request: FastifyRequest,
    @Args() page: PageArgs,
    @Args('taskId', {
      type: () => String,
      nullable: true,
      description: 'Only events about this task.',
    })
    taskId?: string,
    @Args('issueId', {
      type: () => String,
      nullable: true,
      description: 'Only events about this issue.',
    })
    issueId?: string,
    @Args('agent', {
      type: () => String,
      nullable: true,
      description: 'Events about the agent or made by it.',
    })
    agent?: string,
    @Args('type', {
      type: () => SprintEventTypeEnum,
      nullable: true,
      description: 'Only events of this type.',
    })
    type?: string,
  ) {
    requireReadable(principalOfRequest(request), sprintId);
    const filters = new Filters(sprintId)
      .add((p) => `task_id = ${p}`, taskId)
      .add((p) => `issue_id = ${p}`, issueId)
      .add((p) => `(agent = ${p} OR actor = ${p})`, agent)
      .add((p) => `type = ${p}`, type);
    return this.page(
      'sprint_history',
      'stream_version',
      filters,
      page,
      (row) =>
        ({
          position: Number(row.position),
          streamVersion: row.stream_version,
          eventId: row.event_id,
          type: row.type,
          actor: row.actor,
          actorKind: row.actor_kind,
          at: row.at,
          taskId: row.task_id,
          issueId: row.issue_id,
          agent: row.agent,
          blockerId: row.blocker_id,
          checkpointId: row.checkpoint_id,
          from: row.from_value,
          to: row.to_value,
        }) as HistoryEntry,
      false,
    );
  }
}
