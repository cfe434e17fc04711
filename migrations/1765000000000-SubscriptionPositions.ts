import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each log subscriber (the Kafka relay) has read to is its position in the log; a
 * "checkpoint" is a sprint's review. The table is named for what it holds.
 */
export class SubscriptionPositions1765000000000 implements MigrationInterface {
  name = 'SubscriptionPositions1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE subscription_checkpoints RENAME TO subscription_positions`,
    );
    await queryRunner.query(
      `ALTER INDEX subscription_checkpoints_pkey RENAME TO subscription_positions_pkey`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER INDEX subscription_positions_pkey RENAME TO subscription_checkpoints_pkey`,
    );
    await queryRunner.query(
      `ALTER TABLE subscription_positions RENAME TO subscription_checkpoints`,
    );
  }
}
