import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change to a token row (a revocation, whoever makes it, even by hand in SQL) notifies
 * channel `api_tokens_changed` with the token's id when it commits, so every instance drops
 * the principal it cached for that token at once.
 */
export class TokenChangeNotices1765100000000 implements MigrationInterface {
  name = 'TokenChangeNotices1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION api_tokens_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('api_tokens_changed', OLD.id::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER api_tokens_changed AFTER UPDATE OR DELETE ON api_tokens
      FOR EACH ROW EXECUTE FUNCTION api_tokens_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER api_tokens_changed ON api_tokens`);
    await queryRunner.query(`DROP FUNCTION api_tokens_changed()`);
  }
}
