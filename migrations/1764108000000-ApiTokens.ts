import type { MigrationInterface, QueryRunner } from 'typeorm';

/** API tokens, kept only as SHA-256 hashes, each bound to a principal and a role. */
export class ApiTokens1764108000000 implements MigrationInterface {
  name = 'ApiTokens1764108000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_tokens (
        id          uuid        PRIMARY KEY,
        token_hash  text        NOT NULL UNIQUE,
        name        text        NOT NULL,
        role        text        NOT NULL CHECK (role IN ('COORDINATOR', 'AGENT', 'VIEWER')),
        kind        text        NOT NULL CHECK (kind IN ('HUMAN', 'AGENT')),
        agent       text,
        sprints     jsonb       NOT NULL DEFAULT '[]',
        created_by  text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        revoked_at  timestamptz,
        CHECK (role <> 'AGENT' OR agent IS NOT NULL)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE api_tokens`);
  }
}
