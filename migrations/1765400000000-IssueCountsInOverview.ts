import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A sprint's issue counts kept in its overview row as its state keeps them, so the dashboard
 * reads two numbers instead of counting the registry on every read, and the time of its latest
 * event (the dashboard's Last Updated). Existing rows are filled in here; a rebuild gives the
 * same figures from the log.
 */
export class IssueCountsInOverview1765400000000 implements MigrationInterface {
  name = 'IssueCountsInOverview1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE sprint_overview
         ADD COLUMN issues_found integer NOT NULL DEFAULT 0,
         ADD COLUMN issues_resolved integer NOT NULL DEFAULT 0,
         ADD COLUMN updated_at timestamptz`,
    );
    await queryRunner.query(
      `UPDATE sprint_overview o SET
         updated_at = (SELECT max(h.at) FROM sprint_history h WHERE h.sprint_id = o.sprint_id),
         issues_found = (SELECT count(*) FROM sprint_issues i WHERE i.sprint_id = o.sprint_id),
         issues_resolved = (SELECT count(*) FROM sprint_issues i
                            WHERE i.sprint_id = o.sprint_id AND i.status IN ('VALIDATED', 'CLOSED'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE sprint_overview DROP COLUMN issues_found, DROP COLUMN issues_resolved, DROP COLUMN updated_at`,
    );
  }
}
