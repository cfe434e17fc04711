import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An idempotency key belongs to the principal that first used it and to that call's input, kept
 * as a SHA-256 hash: a replay must come from the same principal with the same input. Keys
 * stored before this have neither, and replay for no one.
 */
export class IdempotencyKeyOwners1764900000000 implements MigrationInterface {
  name = 'IdempotencyKeyOwners1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE idempotency_keys
        ADD COLUMN principal_id text,
        ADD COLUMN input_hash   text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE idempotency_keys DROP COLUMN principal_id, DROP COLUMN input_hash`);
  }
}
