import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read side: one table per view of the dashboard, written by the projection in the same
 * transaction as the events they derive from, and rebuildable from the log
 * (`npm run projections:rebuild`). `ordinal` keeps the plan's order (or the order of creation).
 */
export class ReadModels1764104400000 implements MigrationInterface {
  name = 'ReadModels1764104400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE sprint_overview (
        sprint_id text PRIMARY KEY,
        name text NOT NULL,
        branch text,
        status text NOT NULL,
        start_date text,
        target_min float8 NOT NULL,
        target_max float8 NOT NULL,
        critical_path_hours float8,
        buffered_hours float8,
        planned_at timestamptz NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        version integer NOT NULL
      )`,
      `CREATE TABLE sprint_agents (
        sprint_id text NOT NULL,
        name text NOT NULL,
        ordinal integer NOT NULL,
        role text NOT NULL,
        backup text,
        critical_dependencies jsonb NOT NULL,
        declared_ready boolean NOT NULL,
        status text NOT NULL,
        PRIMARY KEY (sprint_id, name)
      )`,
      `CREATE TABLE sprint_phases (
        sprint_id text NOT NULL,
        number integer NOT NULL,
        ordinal integer NOT NULL,
        name text NOT NULL,
        estimate_min float8 NOT NULL,
        estimate_max float8 NOT NULL,
        depends_on jsonb NOT NULL,
        critical_path boolean NOT NULL,
        risk_level text,
        status text NOT NULL,
        started_at timestamptz,
        completed_at timestamptz,
        PRIMARY KEY (sprint_id, number)
      )`,
      `CREATE TABLE sprint_tasks (
        sprint_id text NOT NULL,
        id text NOT NULL,
        ordinal integer NOT NULL,
        title text NOT NULL,
        phase integer NOT NULL,
        estimate_hours float8 NOT NULL,
        assignees jsonb NOT NULL,
        depends_on jsonb NOT NULL,
        status text NOT NULL,
        actual_hours float8 NOT NULL,
        active_agent text,
        forced_reason text,
        started_at timestamptz,
        completed_at timestamptz,
        PRIMARY KEY (sprint_id, id)
      )`,
      `CREATE TABLE sprint_blockers (
        sprint_id text NOT NULL,
        id text NOT NULL,
        ordinal integer NOT NULL,
        severity text NOT NULL,
        agent text NOT NULL,
        task_id text,
        description text NOT NULL,
        communication_id text,
        status text NOT NULL,
        raised_at timestamptz NOT NULL,
        resolved_at timestamptz,
        resolution text,
        PRIMARY KEY (sprint_id, id)
      )`,
      `CREATE TABLE sprint_issues (
        sprint_id text NOT NULL,
        id text NOT NULL,
        ordinal integer NOT NULL,
        severity text NOT NULL,
        title text NOT NULL,
        description text,
        phase integer,
        assignee text,
        status text NOT NULL,
        reported_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (sprint_id, id)
      )`,
      `CREATE TABLE sprint_communications (
        sprint_id text NOT NULL,
        id text NOT NULL,
        ordinal integer NOT NULL,
        at timestamptz NOT NULL,
        from_agent text NOT NULL,
        to_agent text,
        subject text NOT NULL,
        body text NOT NULL,
        type text NOT NULL,
        reply_to text,
        answered_by text,
        answer text,
        answered_at timestamptz,
        PRIMARY KEY (sprint_id, id)
      )`,
      `CREATE TABLE sprint_checkpoints (
        sprint_id text NOT NULL,
        id text NOT NULL,
        ordinal integer NOT NULL,
        name text NOT NULL,
        phase integer NOT NULL,
        window_from float8 NOT NULL,
        window_to float8 NOT NULL,
        criteria jsonb NOT NULL,
        status text NOT NULL,
        result text,
        started_at timestamptz,
        decided_at timestamptz,
        PRIMARY KEY (sprint_id, id)
      )`,
      `CREATE TABLE sprint_deliverables (
        sprint_id text NOT NULL,
        id text NOT NULL,
        ordinal integer NOT NULL,
        category text NOT NULL,
        name text NOT NULL,
        phase integer,
        done boolean NOT NULL,
        done_at timestamptz,
        PRIMARY KEY (sprint_id, id)
      )`,
      `CREATE TABLE sprint_risks (
        sprint_id text NOT NULL,
        id text NOT NULL,
        ordinal integer NOT NULL,
        category text NOT NULL,
        severity text NOT NULL,
        status text NOT NULL,
        mitigation text NOT NULL,
        PRIMARY KEY (sprint_id, id)
      )`,
      `CREATE TABLE sprint_quality_metrics (
        sprint_id text NOT NULL,
        metric text NOT NULL,
        ordinal integer NOT NULL,
        target text NOT NULL,
        actual text,
        recorded_at timestamptz,
        PRIMARY KEY (sprint_id, metric)
      )`,
      `CREATE TABLE sprint_history (
        position bigint PRIMARY KEY,
        sprint_id text NOT NULL,
        stream_version integer NOT NULL,
        event_id uuid NOT NULL,
        type text NOT NULL,
        actor text,
        actor_kind text,
        at timestamptz NOT NULL,
        task_id text,
        issue_id text,
        agent text,
        blocker_id text,
        checkpoint_id text,
        from_value text,
        to_value text
      )`,
      `CREATE INDEX sprint_history_sprint ON sprint_history (sprint_id, stream_version)`,
      `CREATE INDEX sprint_blockers_open ON sprint_blockers (sprint_id, status, severity)`,
      `CREATE INDEX sprint_issues_status ON sprint_issues (sprint_id, status)`,
      `CREATE INDEX sprint_communications_at ON sprint_communications (sprint_id, at)`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'sprint_history',
      'sprint_quality_metrics',
      'sprint_risks',
      'sprint_deliverables',
      'sprint_checkpoints',
      'sprint_communications',
      'sprint_issues',
      'sprint_blockers',
      'sprint_tasks',
      'sprint_phases',
      'sprint_agents',
      'sprint_overview',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
