import type { Pool } from 'pg';
import { applySchemaMigrations, type SchemaMigration } from '@incident/platform';
import { JSON_COLUMNS_MIGRATION } from './postgres-json-columns';
import { NEW_STREAMS_MIGRATION } from './postgres-new-streams';

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
  {
    version: 4,
    name: 'group commit: expected revisions checked on the events index',
    // append_batch's rules and results, without writing event_store.streams on every append. A numeric expected
    // revision is checked where the events are: the stream's last event must be that revision (one probe of the
    // unique (stream_id, stream_revision) index), and the appended events take the next revisions, which that
    // same unique index lets only one writer have: a writer that got there first, committed after this
    // statement's snapshot or still in flight, makes the INSERT fail with a unique violation (after waiting for it
    // to commit), which rolls the batch back, and the adapter makes each unit again alone, where the probe then
    // reports the conflict (as any other error of a batch was already handled). Updating a stream's row per
    // append was a third of PostgreSQL's time per event under a storm: every update of the storm's few hot rows
    // leaves a dead version behind that the next ones must step over. The row is still written when a stream is
    // created ('no_stream': inserted, so two creators race on its key as before; readStream asks it whether a
    // stream exists), and locked by 'any' appends, which then continue from the stream's last event; its
    // revision column is no longer kept up to date (nothing reads it; append_events and append_batch, which do,
    // are kept for old callers only and are no longer used by the adapter). Data and metadata arrive as two JSON
    // arrays (one text each) rather than jsonb[] literals, whose quoting escaped every quote of every event.
    sql: `
      CREATE FUNCTION event_store.append_units(
        stream_ids text[], expected_revisions text[], event_counts integer[], append_units integer[],
        event_owners integer[], event_offsets integer[],
        ids uuid[], types text[], versions integer[], datas jsonb, metadatas jsonb
      ) RETURNS TABLE (first_revision integer, last_position bigint, actual_revision text)
      LANGUAGE plpgsql AS $$
      DECLARE
        appends integer := cardinality(stream_ids);
        firsts integer[] := array_fill(NULL::integer, ARRAY[appends]);
        actuals text[] := array_fill(NULL::text, ARRAY[appends]);
        created boolean[] := array_fill(false, ARRAY[appends]);
        unit_start integer := 1;
        unit_failed boolean := false;
        stream text;
        expected text;
        moved integer;
        last_revision integer;
        claimed integer;
        repeated boolean := appends > (SELECT count(DISTINCT s) FROM unnest(stream_ids) AS s);
      BEGIN
        FOR i IN 1 .. appends LOOP
          IF append_units[i] IS DISTINCT FROM append_units[unit_start] THEN
            unit_start := i;
            unit_failed := false;
          END IF;
          CONTINUE WHEN unit_failed;
          stream := stream_ids[i];
          expected := expected_revisions[i];
          -- A stream appended to earlier in this batch (and not undone) ends where that append ends: its events
          -- are not inserted yet, so neither the index nor a probe would know.
          claimed := NULL;
          IF repeated THEN
            FOR k IN REVERSE i - 1 .. 1 LOOP
              IF stream_ids[k] = stream AND firsts[k] IS NOT NULL THEN
                claimed := firsts[k] + event_counts[k] - 1;
                EXIT;
              END IF;
            END LOOP;
          END IF;
          IF claimed IS NOT NULL THEN
            IF expected = 'any' OR expected = claimed::text THEN
              firsts[i] := claimed + 1;
              CONTINUE;
            END IF;
            last_revision := claimed;
          ELSIF expected = 'no_stream' THEN
            INSERT INTO event_store.streams (stream_id, revision) VALUES (stream, event_counts[i] - 1)
              ON CONFLICT (stream_id) DO NOTHING;
            GET DIAGNOSTICS moved = ROW_COUNT;
            IF moved = 1 THEN
              created[i] := true;
              firsts[i] := 0;
              CONTINUE;
            END IF;
          ELSE
            IF expected = 'any' THEN
              -- The stream's row is the lock 'any' appends queue on, as before; its end is read from the events.
              PERFORM 1 FROM event_store.streams WHERE stream_id = stream FOR UPDATE;
              IF NOT FOUND THEN
                INSERT INTO event_store.streams (stream_id, revision) VALUES (stream, event_counts[i] - 1)
                  ON CONFLICT (stream_id) DO NOTHING;
                GET DIAGNOSTICS moved = ROW_COUNT;
                IF moved = 1 THEN
                  created[i] := true;
                  firsts[i] := 0;
                  CONTINUE;
                END IF;
              END IF;
              SELECT max(e.stream_revision) INTO last_revision FROM event_store.events e WHERE e.stream_id = stream;
              firsts[i] := coalesce(last_revision, -1) + 1;
              CONTINUE;
            END IF;
            -- The stream's last event must be the expected revision: one probe of the (stream_id, stream_revision)
            -- index from there. Another writer's event at the next revision, committed meanwhile or still in
            -- flight, is caught by the same unique index when the events go in (see the function's note).
            SELECT e.stream_revision INTO last_revision FROM event_store.events e
             WHERE e.stream_id = stream AND e.stream_revision >= expected::integer
             ORDER BY e.stream_revision DESC LIMIT 1;
            IF last_revision = expected::integer THEN
              firsts[i] := last_revision + 1;
              CONTINUE;
            END IF;
          END IF;
          IF claimed IS NULL THEN
            SELECT max(e.stream_revision) INTO last_revision FROM event_store.events e WHERE e.stream_id = stream;
          END IF;
          actuals[i] := coalesce(last_revision::text, 'no_stream');
          unit_failed := true;
          -- Undo the unit's earlier appends: only a stream row it created was written so far.
          FOR k IN unit_start .. i - 1 LOOP
            IF created[k] THEN
              DELETE FROM event_store.streams WHERE stream_id = stream_ids[k];
            END IF;
            firsts[k] := NULL;
          END LOOP;
        END LOOP;
        RETURN QUERY
          WITH inserted AS (
            INSERT INTO event_store.events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
            SELECT stream_ids[e.owner], firsts[e.owner] + e.offset_in_append, e.id, e.type, e.version,
                   datas -> (e.ordinality::integer - 1), metadatas -> (e.ordinality::integer - 1)
              FROM unnest(event_owners, event_offsets, ids, types, versions)
                WITH ORDINALITY AS e(owner, offset_in_append, id, type, version, ordinality)
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
  JSON_COLUMNS_MIGRATION,
  NEW_STREAMS_MIGRATION,
];

const LOCK_KEY = 7_324_001; // arbitrary, fixed: the event store's migration lock

/** Applies the migrations not run yet; `through` stops at that version (a test of an upgrade starts below it). */
export async function migrateEventStore(pool: Pool, through = Number.POSITIVE_INFINITY): Promise<number[]> {
  const migrations = MIGRATIONS.filter((migration) => migration.version <= through);
  return applySchemaMigrations(pool, { schema: 'event_store', lockKey: LOCK_KEY, migrations });
}
