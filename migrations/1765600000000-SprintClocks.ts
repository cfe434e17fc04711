import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sprint's clocks in the read models: a task's lease and how many it lost, an agent gone
 * silent, a blocker's escalation, an overdue checkpoint, and each sprint's next deadline, which
 * the timer looks up by its index. Sprints planned before have none of them, as a rebuild gives.
 */
/** The clocks of a sprint planned before plans could set them, as the upcaster gives them. */
const defaultTiming = {
  leaseSeconds: 300,
  blockerSla: {
    P0: { responseMinutes: 15, resolutionMinutes: 60 },
    P1: { responseMinutes: 60, resolutionMinutes: 240 },
    P2: { responseMinutes: 240, resolutionMinutes: 960 },
    P3: { responseMinutes: 1440, resolutionMinutes: 5760 },
  },
  escalationRaisesSeverity: false,
};

export class SprintClocks1765600000000 implements MigrationInterface {
  name = 'SprintClocks1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `ALTER TABLE sprint_overview
         ADD COLUMN timing jsonb NOT NULL DEFAULT '${JSON.stringify(defaultTiming)}',
         ADD COLUMN next_deadline timestamptz`,
      `CREATE INDEX sprint_overview_next_deadline ON sprint_overview (next_deadline)
         WHERE next_deadline IS NOT NULL`,
      `ALTER TABLE sprint_tasks
         ADD COLUMN lease jsonb, ADD COLUMN lease_expiries integer NOT NULL DEFAULT 0`,
      `ALTER TABLE sprint_agents ADD COLUMN unresponsive_since timestamptz`,
      `ALTER TABLE sprint_blockers
         ADD COLUMN escalations integer NOT NULL DEFAULT 0, ADD COLUMN escalated_to text`,
      `ALTER TABLE sprint_checkpoints ADD COLUMN overdue_at timestamptz`,
    ]) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of [
      `ALTER TABLE sprint_checkpoints DROP COLUMN overdue_at`,
      `ALTER TABLE sprint_blockers DROP COLUMN escalations, DROP COLUMN escalated_to`,
      `ALTER TABLE sprint_agents DROP COLUMN unresponsive_since`,
      `ALTER TABLE sprint_tasks DROP COLUMN lease, DROP COLUMN lease_expiries`,
      `DROP INDEX sprint_overview_next_deadline`,
      `ALTER TABLE sprint_overview DROP COLUMN timing, DROP COLUMN next_deadline`,
    ]) {
      await queryRunner.query(statement);
    }
  }
}
