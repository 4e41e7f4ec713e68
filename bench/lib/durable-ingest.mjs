// The ceiling for bench:intake: the least a durable HTTP ingest can do on this machine. Each request's JSON
// body is parsed and answered 202 only after a multi-row INSERT holding it has committed (synchronous_commit
// on); requests arriving while INSERTs are in flight wait and go together in the next one (group commit).
// No dedup, no hash chain, no auth: what intake does beyond this is what it costs. Run as its own process:
// `DATABASE_URL=… PORT=… node bench/lib/durable-ingest.mjs`; prints "listening" once it accepts requests.
import { createServer } from 'node:http';
import process from 'node:process';
import { require } from './infrastructure.mjs';

const { Pool } = require('pg');
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4, options: '-c synchronous_commit=on' });
await pool.query(`CREATE TABLE IF NOT EXISTS ceiling_alerts (
  id bigserial PRIMARY KEY, dedup_key text NOT NULL, body jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);

const waiting = [];
let inFlight = 0;

function flush() {
  while (inFlight < 2 && waiting.length > 0) {
    const batch = waiting.splice(0, 1000);
    inFlight += 1;
    pool
      .query('INSERT INTO ceiling_alerts (dedup_key, body) SELECT * FROM unnest($1::text[], $2::jsonb[])', [
        batch.map((item) => item.key),
        batch.map((item) => item.body),
      ])
      .then(
        () => batch.forEach((item) => item.response.writeHead(202).end('{"status":"success"}')),
        () => batch.forEach((item) => item.response.writeHead(500).end()),
      )
      .finally(() => {
        inFlight -= 1;
        flush();
      });
  }
}

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      return response.writeHead(400).end();
    }
    if (typeof body?.routing_key !== 'string') return response.writeHead(400).end();
    waiting.push({ key: String(body.dedup_key ?? ''), body: text, response });
    flush();
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
