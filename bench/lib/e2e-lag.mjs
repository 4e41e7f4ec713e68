// How far behind each follower of the store is, sampled once a second during a bench:e2e rate: the relay and
// query's projections in store positions (the store's newest position minus their checkpoint), each Kafka
// consumer group in records (the topic's end offsets minus the group's committed offsets), and the services'
// timers due but not fired yet. The largest figure
// seen names what could not keep up; one query and two admin calls a second cost the stack next to nothing.
import { kafka, require } from './infrastructure.mjs';

const { Client } = require('pg');

const GROUPS = ['triage', 'escalation', 'remediation', 'review'];

export async function lagSampler({ databaseUrl, kafkaBrokers, prefix, groups = GROUPS, relay }) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const admin = relay ? kafka(kafkaBrokers, 'bench-e2e-lag').admin() : undefined;
  await admin?.connect();
  const topic = `${prefix}incident.events`;

  async function sample() {
    const figures = {};
    const { rows } = await db.query(
      `SELECT (SELECT coalesce(max(global_position), 0) FROM event_store.events)::bigint AS head,
              coalesce((SELECT json_object_agg(name, position) FROM read_models.projection_checkpoint), '{}') AS projections,
              ${relay ? `(SELECT min(published_position) FROM relay.checkpoint)::bigint` : 'NULL'} AS relay,
              ${relay ? `coalesce((SELECT json_object_agg(queue, due) FROM (SELECT queue, count(*) AS due FROM scheduler.timer WHERE status = 'pending' AND next_attempt_at <= now() GROUP BY queue) AS q), '{}')` : `'{}'::json`} AS timers,
              (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()) AS xacts`,
    );
    const head = Number(rows[0].head);
    if (relay) figures.relay = head - Number(rows[0].relay ?? 0);
    // Timers due and not yet fired (escalation's levels page the incident's people): caught up means these too,
    // or the CPU and transactions of the pages still to come would be left out of the figures.
    // Per queue (escalation's levels, remediation's steps, …); a queue with none due is not in the row: 0.
    if (relay) {
      figures.timers = 0;
      for (const [queue, due] of Object.entries(rows[0].timers)) {
        figures[`timers:${queue}`] = Number(due);
        figures.timers += Number(due);
      }
    }
    for (const [name, position] of Object.entries(rows[0].projections))
      figures[`query:${name}`] = head - Number(position ?? 0);
    if (admin) {
      const ends = await admin.fetchTopicOffsets(topic);
      const end = new Map(ends.map((p) => [p.partition, Number(p.high)]));
      for (const group of groups) {
        const [offsets] = await admin.fetchOffsets({ groupId: `${prefix}${group}`, topics: [topic] });
        let lag = 0;
        for (const p of offsets?.partitions ?? []) {
          const committed = Number(p.offset);
          // The group's offsets are read after the topic's ends, so it may have committed past them meanwhile.
          lag += Math.max(0, (end.get(p.partition) ?? 0) - (committed < 0 ? 0 : committed));
        }
        figures[group] = lag;
      }
    }
    return { head, figures, transactions: Number(rows[0].xacts) };
  }

  let timer;
  let running;
  let max = {};
  let last = {};
  let firstHead;
  let lastHead;
  let firstTransactions;
  const tick = async () => {
    const { head, figures, transactions } = await sample();
    firstHead ??= head;
    lastHead = head;
    firstTransactions ??= transactions;
    last = figures;
    for (const [name, value] of Object.entries(figures)) max[name] = Math.max(max[name] ?? 0, value);
  };
  return {
    /** One sample now: the store's head and each follower's lag. */
    sample,
    /** Starts sampling afresh (maxima and the event count reset). */
    start() {
      max = {};
      last = {};
      firstHead = undefined;
      firstTransactions = undefined;
      running = tick()
        .catch(() => undefined)
        .finally(() => (running = undefined));
      timer = setInterval(() => {
        running ??= tick()
          .catch(() => undefined)
          .finally(() => (running = undefined));
      }, 1_000);
    },
    /** PostgreSQL transactions in the database since start() (its statistics lag by up to a second). */
    transactions: async () => (await sample()).transactions - (firstTransactions ?? 0),
    /** Stops; returns the largest and the last lag per follower and the events appended meanwhile. */
    async stop() {
      clearInterval(timer);
      await running;
      await tick().catch(() => undefined);
      return { max, last, events: (lastHead ?? 0) - (firstHead ?? 0) };
    },
    async close() {
      clearInterval(timer);
      await running;
      await db.end().catch(() => undefined);
      await admin?.disconnect().catch(() => undefined);
    },
  };
}
