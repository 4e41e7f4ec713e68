import type { SchemaMigration } from '@incident/platform';

/** Migration 5's append_json_units, as created then (migration 6 replaces its new-stream and `any` steps). */
export const APPEND_JSON_UNITS_V5 = `
    CREATE FUNCTION event_store.append_json_units(
      stream_ids text[], expected_revisions text[], event_counts integer[], append_units integer[],
      event_owners integer[], event_offsets integer[],
      ids uuid[], types text[], versions integer[], datas json, metadatas json
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
          SELECT stream_ids[e.owner], firsts[e.owner] + e.offset_in_append, e.id, e.type, e.version, e.data, e.metadata
            FROM ROWS FROM (unnest(event_owners), unnest(event_offsets), unnest(ids), unnest(types), unnest(versions),
                            json_array_elements(datas), json_array_elements(metadatas))
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
`;

/**
 * Migration 5: events keep their data and metadata as `json`, the very texts that were hashed (sealEvent), not as
 * `jsonb`. A 1,000-event rehydrate spent most of PostgreSQL's time printing jsonb back into text (EXPLAIN
 * (ANALYZE, SERIALIZE) on 1,000 bench events: 2.4 ms with jsonb, 0.7 ms with json); a json value is its text,
 * checked once on the way in, and is sent as it is. The texts are also 5 % shorter (jsonb prints `", "` and
 * `": "`), so the client has fewer bytes to parse. Same column names, and json has the same `->`/`->>` operators,
 * so queries like readAllHeads' `metadata->>'hash'` keep working; jsonb-only functions need `data::jsonb`.
 *
 * Existing rows are converted in place (jsonb printed as text; the hash chain verifies on the parsed values,
 * never on the text, so old chains still verify). That rewrites the table under an exclusive lock: on a store
 * of millions of events it is a maintenance window (README, "Reading a stream").
 *
 * append_json_units is append_units (migration 4) with the same rules and results, line for line, except that
 * data and metadata arrive as two json arrays and each element goes in as it was sent: json_array_elements hands
 * out the elements' own texts. append_units is kept for processes still running the previous code: its jsonb
 * values go into the json columns by assignment cast, printed as jsonb prints them.
 */
export const JSON_COLUMNS_MIGRATION: SchemaMigration = {
  version: 5,
  name: 'data and metadata stored as the json texts that were hashed',
  sql: `
    ALTER TABLE event_store.events
      ALTER COLUMN data TYPE json USING data::json,
      ALTER COLUMN metadata TYPE json USING metadata::json;
${APPEND_JSON_UNITS_V5}  `,
};
