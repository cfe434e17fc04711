import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of the reference document: a task's estimate as a range, a deliverable's path, the
 * contacts, escalation contact, file locations and the baseline's critical path in the
 * overview, and tables for the quick
 * command reference and the next-steps checklist. Sprints planned before have none of them,
 * which is what the defaults say and what a rebuild gives. The scope log's index takes the new
 * scope changes.
 */
export class ReferenceSections1765500000000 implements MigrationInterface {
  name = 'ReferenceSections1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `ALTER TABLE sprint_overview
         ADD COLUMN contacts jsonb NOT NULL DEFAULT '[]',
         ADD COLUMN escalation text,
         ADD COLUMN file_locations jsonb NOT NULL DEFAULT '[]',
         ADD COLUMN baseline_critical_path jsonb`,
      `ALTER TABLE sprint_tasks ADD COLUMN estimate_range jsonb`,
      `ALTER TABLE sprint_deliverables ADD COLUMN path text`,
      `CREATE TABLE sprint_commands (
        sprint_id text NOT NULL,
        agent text NOT NULL,
        ordinal integer NOT NULL,
        blocks jsonb NOT NULL,
        PRIMARY KEY (sprint_id, agent)
      )`,
      `CREATE TABLE sprint_next_steps (
        sprint_id text NOT NULL,
        id text NOT NULL,
        ordinal integer NOT NULL,
        title text NOT NULL,
        details jsonb NOT NULL,
        commands jsonb NOT NULL,
        done boolean NOT NULL,
        done_by text,
        done_at timestamptz,
        removed_at timestamptz,
        PRIMARY KEY (sprint_id, id)
      )`,
      `DROP INDEX sprint_history_scope`,
      scopeIndex([...scopeTypes, ...referenceScopeTypes]),
    ]) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `DROP INDEX sprint_history_scope`,
      scopeIndex(scopeTypes),
      `DROP TABLE sprint_next_steps`,
      `DROP TABLE sprint_commands`,
      `ALTER TABLE sprint_deliverables DROP COLUMN path`,
      `ALTER TABLE sprint_tasks DROP COLUMN estimate_range`,
      `ALTER TABLE sprint_overview
         DROP COLUMN contacts, DROP COLUMN escalation, DROP COLUMN file_locations,
         DROP COLUMN baseline_critical_path`,
    ]) {
      await queryRunner.query(statement);
    }
  }
}

const scopeIndex = (types: readonly string[]) =>
  `CREATE INDEX sprint_history_scope ON sprint_history (sprint_id, stream_version)
   WHERE type IN (${types.map((type) => `'${type}'`).join(', ')})`;

/** The scope events as the ScopeChanges migration found them, and those this one adds. */
const scopeTypes = [
  'SprintDetailsChanged',
  'SprintCancelled',
  'TaskAdded',
  'TaskReestimated',
  'TaskReassigned',
  'TaskChanged',
  'TaskCancelled',
  'PhaseAdded',
  'PhaseChanged',
  'PhaseCancelled',
  'AgentAdded',
  'AgentChanged',
  'AgentRetired',
  'DeliverableAdded',
  'DeliverableChanged',
  'DeliverableCancelled',
  'CheckpointAdded',
  'CheckpointChanged',
  'CheckpointCancelled',
  'RiskAdded',
  'RiskChanged',
  'QualityTargetAdded',
  'QualityTargetChanged',
  'QualityTargetRemoved',
];
const referenceScopeTypes = [
  'CommandsChanged',
  'NextStepAdded',
  'NextStepChanged',
  'NextStepRemoved',
  'ContactsChanged',
  'FileLocationsChanged',
];
