import type { Pool } from 'pg';
import { applySchemaMigrations, type SchemaMigration } from '@incident/platform';

/**
 * The PostgreSQL event store's schema, as ordered migrations. Applied under an advisory lock so that several
 * processes starting together migrate once; each migration runs in its own transaction.
 */
/** Rung at each append's commit (payload: the stream id); fixed, since a migration writes it into SQL. */
export const EVENTS_CHANNEL = 'event_store_events';

const MIGRATIONS: readonly SchemaMigration[] = [
  {
    version: 1,
    name: 'events and streams',
    sql: `
      CREATE TABLE event_store.streams (
        stream_id text PRIMARY KEY,
        revision integer NOT NULL
      );
      CREATE TABLE event_store.events (
        global_position bigserial PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_revision integer NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, stream_revision),
        CONSTRAINT events_event_id_unique UNIQUE (event_id)
      );
      -- Global readers go in (transaction id, position) order; see postgres-event-store.ts for why.
      CREATE INDEX events_global_order ON event_store.events (transaction_id, global_position);
      -- Append-only: history is never edited in place. (A superuser can still bypass this, which is
      -- what the hash chain is there to catch.)
      CREATE FUNCTION event_store.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'event_store.events is append-only: % refused', TG_OP; END $$;
      CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON event_store.events
        FOR EACH ROW EXECUTE FUNCTION event_store.refuse_change();
    `,
  },
  {
    version: 2,
    name: 'append in one statement',
    // One round trip per append instead of five (BEGIN, stream row, insert, notify, commit): the appenders'
    // cost under load was the round trips, not the work. Same rules as before, in the same order; a wrong
    // expected revision raises SQLSTATE ES409 with the stream's actual revision (or 'no_stream') as DETAIL.
    sql: `
      CREATE FUNCTION event_store.append_events(
        stream text, expected text, ids uuid[], types text[], versions integer[], datas jsonb[], metadatas jsonb[],
        OUT first_revision integer, OUT last_position bigint
      ) LANGUAGE plpgsql AS $$
      DECLARE
        count integer := cardinality(ids);
        moved integer;
        actual integer;
      BEGIN
        IF expected = 'no_stream' THEN
          INSERT INTO event_store.streams (stream_id, revision) VALUES (stream, count - 1)
            ON CONFLICT (stream_id) DO NOTHING;
          GET DIAGNOSTICS moved = ROW_COUNT;
          first_revision := 0;
        ELSIF expected = 'any' THEN
          INSERT INTO event_store.streams (stream_id, revision) VALUES (stream, count - 1)
            ON CONFLICT (stream_id) DO UPDATE SET revision = event_store.streams.revision + count
            RETURNING revision - count + 1 INTO first_revision;
          moved := 1;
        ELSE
          UPDATE event_store.streams SET revision = expected::integer + count
            WHERE stream_id = stream AND revision = expected::integer;
          GET DIAGNOSTICS moved = ROW_COUNT;
          first_revision := expected::integer + 1;
        END IF;
        IF moved = 0 THEN
          SELECT revision INTO actual FROM event_store.streams WHERE stream_id = stream;
          RAISE EXCEPTION 'stream %: expected revision %', stream, expected
            USING ERRCODE = 'ES409', DETAIL = coalesce(actual::text, 'no_stream');
        END IF;
        WITH inserted AS (
          INSERT INTO event_store.events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
          SELECT stream, first_revision + e.ordinality - 1, e.id, e.type, e.version, e.data, e.metadata
            FROM unnest(ids, types, versions, datas, metadatas) WITH ORDINALITY AS e(id, type, version, data, metadata, ordinality)
            ORDER BY e.ordinality
          RETURNING global_position
        )
        SELECT max(global_position) INTO last_position FROM inserted;
        PERFORM pg_notify('${EVENTS_CHANNEL}', stream);
      END $$;
    `,
  },
  {
    version: 3,
    name: 'group commit: many appends in one statement',
    // Appends that arrive together share one statement and one commit (postgres-append.ts). Appends come in
    // units (append_units: the unit of each append, units contiguous), each unit all or nothing: usually one
    // append, or a caller's several streams at once (appendAtomically). Each append keeps append_events' rules, in
    // order; a wrong expected revision is not raised but reported as that append's actual_revision, the moves of
    // its unit's earlier appends are undone (this transaction holds their rows) and none of the unit's events are
    // written, so one conflict fails only its own unit. No NOTIFY here: a notifying commit takes a cluster-wide
    // lock held through its WAL flush, which serialises it with every other notifying commit (of every database),
    // so appends could not share flushes; the adapter rings the doorbell after the commit instead, from a
    // transaction that does not wait for its flush.
    sql: `
      CREATE FUNCTION event_store.append_batch(
        stream_ids text[], expected_revisions text[], event_counts integer[], append_units integer[],
        event_owners integer[], event_offsets integer[],
        ids uuid[], types text[], versions integer[], datas jsonb[], metadatas jsonb[]
      ) RETURNS TABLE (first_revision integer, last_position bigint, actual_revision text)
      LANGUAGE plpgsql AS $$
      DECLARE
        appends integer := cardinality(stream_ids);
        firsts integer[] := array_fill(NULL::integer, ARRAY[appends]);
        actuals text[] := array_fill(NULL::text, ARRAY[appends]);
        unit_start integer := 1;
        unit_failed boolean := false;
        stream text;
        expected text;
        count integer;
        moved integer;
        first integer;
        found_revision integer;
      BEGIN
        FOR i IN 1 .. appends LOOP
          IF append_units[i] IS DISTINCT FROM append_units[unit_start] THEN
            unit_start := i;
            unit_failed := false;
          END IF;
          CONTINUE WHEN unit_failed;
          stream := stream_ids[i];
          expected := expected_revisions[i];
          count := event_counts[i];
          IF expected = 'no_stream' THEN
            INSERT INTO event_store.streams (stream_id, revision) VALUES (stream, count - 1)
              ON CONFLICT (stream_id) DO NOTHING;
            GET DIAGNOSTICS moved = ROW_COUNT;
            first := 0;
          ELSIF expected = 'any' THEN
            INSERT INTO event_store.streams (stream_id, revision) VALUES (stream, count - 1)
              ON CONFLICT (stream_id) DO UPDATE SET revision = event_store.streams.revision + count
              RETURNING revision - count + 1 INTO first;
            moved := 1;
          ELSE
            UPDATE event_store.streams SET revision = expected::integer + count
              WHERE stream_id = stream AND revision = expected::integer;
            GET DIAGNOSTICS moved = ROW_COUNT;
            first := expected::integer + 1;
          END IF;
          IF moved = 1 THEN
            firsts[i] := first;
            CONTINUE;
          END IF;
          SELECT revision INTO found_revision FROM event_store.streams WHERE stream_id = stream;
          actuals[i] := coalesce(found_revision::text, 'no_stream');
          unit_failed := true;
          -- Undo the unit's earlier moves, newest first: a row this unit created goes, a moved one moves back.
          FOR k IN REVERSE i - 1 .. unit_start LOOP
            IF firsts[k] = 0 THEN
              DELETE FROM event_store.streams WHERE stream_id = stream_ids[k];
            ELSE
              UPDATE event_store.streams SET revision = firsts[k] - 1 WHERE stream_id = stream_ids[k];
            END IF;
            firsts[k] := NULL;
          END LOOP;
        END LOOP;
        RETURN QUERY
          WITH inserted AS (
            INSERT INTO event_store.events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
            SELECT stream_ids[e.owner], firsts[e.owner] + e.offset_in_append, e.id, e.type, e.version, e.data, e.metadata
              FROM unnest(event_owners, event_offsets, ids, types, versions, datas, metadatas)
                WITH ORDINALITY AS e(owner, offset_in_append, id, type, version, data, metadata, ordinality)
             WHERE firsts[e.owner] IS NOT NULL
             ORDER BY e.ordinality
            RETURNING events.stream_id, events.stream_revision, events.global_position
          )
          SELECT firsts[a.i], x.global_position, actuals[a.i]
            FROM generate_subscripts(stream_ids, 1) AS a(i)
            LEFT JOIN inserted x ON x.stream_id = stream_ids[a.i]
                                AND x.stream_revision = firsts[a.i] + event_counts[a.i] - 1
           ORDER BY a.i;
      END $$;
    `,
  },
];

const LOCK_KEY = 7_324_001; // arbitrary, fixed: the event store's migration lock

export async function migrateEventStore(pool: Pool): Promise<number[]> {
  return applySchemaMigrations(pool, { schema: 'event_store', lockKey: LOCK_KEY, migrations: MIGRATIONS });
}
