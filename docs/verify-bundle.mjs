#!/usr/bin/env node
// Verifies an incident evidence bundle with nothing but Node (18 or later) and the file: no database, no Kafka,
// no code of the platform. Usage: node verify-bundle.mjs <bundle.json> [--key-id <hex>]. Exit 0: it holds.
// It repeats, on purpose in one short file an auditor can read, what `incidentctl verify-bundle` checks.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [file, flag, pinnedKeyId] = process.argv.slice(2);
if (!file || (flag && flag !== '--key-id')) {
  process.stderr.write('usage: node verify-bundle.mjs <bundle.json> [--key-id <hex>]\n');
  process.exit(1);
}
const problems = [];
const sha256 = (...parts) => parts.reduce((hash, part) => hash.update(part), createHash('sha256')).digest('hex');

// JSON with keys sorted at every depth and no whitespace: the form every hash and signature is taken over.
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item ?? null)).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
}
const sameKeys = (value, keys) =>
  value !== null && typeof value === 'object' && canonical(Object.keys(value).sort()) === canonical(keys);

const text = readFileSync(file, 'utf8');
let bundle = {};
try {
  bundle = JSON.parse(text);
} catch (error) {
  problems.push(`not JSON: ${error.message}`);
}
const ANCHOR_KEYS = [
  'anchoredAt',
  'checkpoint',
  'hash',
  'keyId',
  'leaf',
  'leafCount',
  'merkleRoot',
  'previous',
  'proof',
  'sequence',
  'signature',
  'throughPosition',
  'version',
];
if (problems.length > 0) {
  // Nothing more to check.
} else if (
  !sameKeys(bundle, ['anchors', 'events', 'format', 'keyId', 'publicKey', 'streamId']) ||
  !Array.isArray(bundle.events) ||
  !Array.isArray(bundle.anchors) ||
  !bundle.events.every((e) =>
    sameKeys(e, ['data', 'id', 'metadata', 'schemaVersion', 'streamId', 'streamRevision', 'type']),
  ) ||
  !bundle.anchors.every((a) => sameKeys(a, ANCHOR_KEYS))
) {
  problems.push('not an evidence bundle: unexpected or missing fields');
} else {
  if (bundle.format !== 'incident-evidence-bundle/1') problems.push(`unknown format ${bundle.format}`);
  // Written in canonical form, so any edit of the file shows, even one that changes no value.
  if (text !== `${canonical(bundle)}\n` && text !== canonical(bundle))
    problems.push('the file is not in canonical form');

  // The key: the anchors name it by the sha256 of its DER encoding; pin it with --key-id.
  const der = Buffer.from(bundle.publicKey, 'base64');
  const publicKey = createPublicKey({ key: der, format: 'der', type: 'spki' });
  if (sha256(der) !== bundle.keyId) problems.push('keyId is not the id of the public key');
  if (pinnedKeyId && pinnedKeyId !== bundle.keyId) problems.push(`signed by key ${bundle.keyId}, not ${pinnedKeyId}`);

  // The events' hash chain: sha256(prevHash ‖ canonical event without its own hash), from 64 zeros.
  let prevHash = '0'.repeat(64);
  bundle.events.forEach((event, index) => {
    const { hash, ...metadata } = event.metadata;
    const body = canonical({
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      streamId: event.streamId,
      streamRevision: event.streamRevision,
      data: event.data,
      metadata,
    });
    if (event.streamId !== bundle.streamId || event.streamRevision !== index)
      problems.push(`event ${index} is out of place`);
    else if (metadata.prevHash !== prevHash) problems.push(`revision ${index}: prevHash does not match`);
    else if (sha256(metadata.prevHash, body) !== hash)
      problems.push(`revision ${index}: content does not match its hash`);
    prevHash = hash;
  });

  // Each anchor: its hash and Ed25519 signature over its body, and a Merkle proof from the stream's leaf to its root.
  let before;
  for (const anchor of bundle.anchors) {
    const name = `anchor #${anchor.sequence} (${anchor.anchoredAt})`;
    const { leaf, proof, hash, signature, ...body } = anchor;
    if (body.keyId !== bundle.keyId) problems.push(`${name}: signed by another key`);
    if (sha256(canonical(body)) !== hash) problems.push(`${name}: its hash does not match its content`);
    if (!verify(null, Buffer.from(canonical(body)), publicKey, Buffer.from(signature, 'base64'))) {
      problems.push(`${name}: its signature does not verify`);
    }
    const leafHash = sha256(Buffer.from([0]), canonical([bundle.streamId, leaf.revision, leaf.hash]));
    const root = proof.reduce((running, step) => {
      const [left, right] = step.side === 'left' ? [step.hash, running] : [running, step.hash];
      return sha256(Buffer.from([1]), Buffer.from(left, 'hex'), Buffer.from(right, 'hex'));
    }, leafHash);
    if (root !== body.merkleRoot) problems.push(`${name}: the Merkle proof does not lead to its signed root`);
    if (before && anchor.sequence <= before.sequence) problems.push(`${name} is out of order`);
    if (before && anchor.sequence === before.sequence + 1 && body.previous !== before.hash) {
      problems.push(`${name} does not chain to anchor #${before.sequence}`);
    }
    const event = bundle.events[leaf.revision];
    if (!event)
      problems.push(`${name} anchors revision ${leaf.revision}, the bundle ends at ${bundle.events.length - 1}`);
    else if (event.metadata.hash !== leaf.hash)
      problems.push(`${name}: revision ${leaf.revision} differs from the anchored hash`);
    before = anchor;
  }
}

if (problems.length > 0) {
  process.stdout.write(`${bundle.streamId ?? file}: bundle BROKEN\n${problems.map((p) => `    ${p}\n`).join('')}`);
  process.exit(2);
}
const newest = bundle.anchors.reduce(
  (best, a) => (!best || a.leaf.revision >= best.leaf.revision ? a : best),
  undefined,
);
process.stdout.write(
  `${bundle.streamId}: bundle OK (${bundle.events.length} events, ` +
    `${newest ? `anchored through revision ${newest.leaf.revision} at ${newest.anchoredAt}` : 'no anchor covers it'})\n` +
    `signed by key ${bundle.keyId}${pinnedKeyId ? ' (as required)' : ': compare it with the one you trust'}\n`,
);
