import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sprint state after the latest event, written in the append's transaction, so deciding a
 * command never replays the stream; and the results of mutations sent with an idempotency key.
 */
export class SprintSnapshots1764100800000 implements MigrationInterface {
  name = 'SprintSnapshots1764100800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sprint_snapshots (
        sprint_id   text        PRIMARY KEY,
        version     integer     NOT NULL,
        format      integer     NOT NULL,
        -- json, not jsonb: it keeps the key order, which is the plan's order of agents and tasks.
        state       json        NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        stream_id   text        NOT NULL,
        key         text        NOT NULL,
        command     text        NOT NULL,
        version     integer     NOT NULL,
        events      jsonb       NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idempotency_keys`);
    await queryRunner.query(`DROP TABLE sprint_snapshots`);
  }
}
