import type { SchemaMigration } from '@incident/platform';
import { APPEND_JSON_UNITS_V5 } from './postgres-json-columns';

/** Migration 5's text with one step swapped, refusing to load if that step is not there exactly once. */
function replacedOnce(text: string, step: string, replacement: string): string {
  const at = text.indexOf(step);
  if (at < 0 || text.indexOf(step, at + 1) >= 0) throw new Error('migration 6: the step to replace is not unique');
  return text.slice(0, at) + replacement + text.slice(at + step.length);
}

const NO_STREAM_V5 = `
        ELSIF expected = 'no_stream' THEN
          INSERT INTO event_store.streams (stream_id, revision) VALUES (stream, event_counts[i] - 1)
            ON CONFLICT (stream_id) DO NOTHING;
          GET DIAGNOSTICS moved = ROW_COUNT;
          IF moved = 1 THEN
            created[i] := true;
            firsts[i] := 0;
            CONTINUE;
          END IF;`;

const DECLARED_V5 = `
      repeated boolean := appends > (SELECT count(DISTINCT s) FROM unnest(stream_ids) AS s);`;

// The streams of the batch's 'no_stream' appends that have events already (a stream's first event is revision 0),
// found in one scan of the (stream_id, stream_revision) index at the start rather than one query per append.
const DECLARED_V6 = `${DECLARED_V5}
      existing text[] := ARRAY(
        SELECT e.stream_id FROM event_store.events e
         WHERE e.stream_revision = 0
           AND e.stream_id = ANY (ARRAY(SELECT u.s FROM unnest(stream_ids, expected_revisions) AS u(s, x)
                                         WHERE u.x = 'no_stream')));`;

// A new stream is one with no events. Two creators racing both insert revision 0, which the unique index lets only
// one of them have (as with numeric revisions since migration 4): the other's batch fails and its appends are made
// again alone, where this check reports the conflict.
const NO_STREAM_V6 = `
        ELSIF expected = 'no_stream' THEN
          IF NOT (stream = ANY (existing)) THEN
            firsts[i] := 0;
            CONTINUE;
          END IF;`;

const ANY_V5 = `
              GET DIAGNOSTICS moved = ROW_COUNT;
              IF moved = 1 THEN
                created[i] := true;
                firsts[i] := 0;
                CONTINUE;
              END IF;
            END IF;`;

// The row 'any' appends queue on may now be missing for a stream that has events (created by 'no_stream'): having
// made it, the append still continues from the stream's last event, if any.
const ANY_V6 = `
              GET DIAGNOSTICS moved = ROW_COUNT;
              created[i] := moved = 1;
            END IF;`;

/**
 * Migration 6: creating a stream writes no `event_store.streams` row. Migration 4 stopped moving that row on every
 * append but still inserted it for each new stream (`ON CONFLICT DO NOTHING`, a speculative insertion with its own
 * index probe, heap row and index entry). An alert of a new group creates two streams (its group's binding and
 * its incident), so that was two of the six rows each such alert wrote. Whether a stream exists is now asked of
 * its events, which every stream has from its first append (events are never deleted).
 *
 * Micro-benchmark (one connection; calls of 25 all-new alerts, i.e. 50 new streams of one event each; 16 rounds of
 * 40 calls per variant, alternating; wall time per alert with the client; the median and the best round):
 * migration 5 96.0 µs (best 80.7); a probe of the events per new stream 85.8 (69.0); the one scan here 79.2 (64.1).
 *
 * The rows written before stay, and `any` appends still lock a stream's row (making it when missing), so `any`
 * writers to one stream still queue on it. Processes running the code from before this migration must restart
 * after it: their `readStream` asks `event_store.streams` whether a stream exists when a read comes back empty,
 * and would call a stream created since then missing (README, "How an expected revision is checked"). What it
 * costs: two replicas creating one stream at the same moment no longer meet on the row's `ON CONFLICT` inside the
 * statement; the later one's whole batch fails on the unique index and each of its units is made again alone.
 */
export const NEW_STREAMS_MIGRATION: SchemaMigration = {
  version: 6,
  name: 'new streams checked on the events index, without a streams row',
  sql: [
    [DECLARED_V5, DECLARED_V6],
    [NO_STREAM_V5, NO_STREAM_V6],
    [ANY_V5, ANY_V6],
    ['CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION'],
  ].reduce(
    (text, [step, replacement]) => replacedOnce(text, step as string, replacement as string),
    APPEND_JSON_UNITS_V5,
  ),
};
