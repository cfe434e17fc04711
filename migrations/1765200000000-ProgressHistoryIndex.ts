import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The burndown reads a sprint's task completions and reopenings from its history: an index of
 * those rows alone, so the read costs what the sprint completed, not how long its history is.
 */
export class ProgressHistoryIndex1765200000000 implements MigrationInterface {
  name = 'ProgressHistoryIndex1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX sprint_history_progress ON sprint_history (sprint_id, stream_version)
       WHERE type IN ('TaskCompleted', 'TaskReopened')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX sprint_history_progress`);
  }
}
