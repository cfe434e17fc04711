import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The agent who reported an issue: it may validate or reopen the fix (IssueReported v2). */
export class IssueReporters1764903600000 implements MigrationInterface {
  name = 'IssueReporters1764903600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sprint_issues ADD COLUMN reported_by text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sprint_issues DROP COLUMN reported_by`);
  }
}
