import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log and the relay's checkpoint.
 *
 * Readers that follow the whole log order by (transaction_id, position) and only read below the
 * oldest transaction still running, so an event whose transaction commits late is never skipped:
 * positions come from a sequence and are handed out before commit, so position order alone is not
 * commit order.
 */
export class EventStore1764097200000 implements MigrationInterface {
  name = 'EventStore1764097200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL CHECK (stream_version > 0),
        event_id        uuid        NOT NULL UNIQUE,
        type            text        NOT NULL,
        schema_version  integer     NOT NULL DEFAULT 1 CHECK (schema_version > 0),
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL DEFAULT '{}',
        recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`);
    await queryRunner.query(
      `CREATE INDEX events_transaction_position ON events (transaction_id, position)`,
    );
    await queryRunner.query(`
      CREATE TABLE subscription_checkpoints (
        name            text        PRIMARY KEY,
        transaction_id  xid8        NOT NULL,
        position        bigint      NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    // Log order is (transaction id, position). A transaction that wrote something else before
    // appending would carry an older id than a later append to the same stream, and readers
    // would see that stream's versions out of order; so an append refuses to be a second write.
    await queryRunner.query(`
      CREATE FUNCTION events_append_guard() RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
          RAISE EXCEPTION 'an append must be the first write of its transaction';
        END IF;
        RETURN true;
      END $$`);
    // Wakes the relay as soon as a transaction that appended commits (NOTIFY is sent on commit).
    await queryRunner.query(`
      CREATE FUNCTION notify_events_appended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('events_appended', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER events_appended AFTER INSERT ON events
      FOR EACH STATEMENT EXECUTE FUNCTION notify_events_appended()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE subscription_checkpoints`);
    await queryRunner.query(`DROP TABLE events`);
    await queryRunner.query(`DROP FUNCTION notify_events_appended()`);
    await queryRunner.query(`DROP FUNCTION events_append_guard()`);
  }
}
