import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { incidentStreamId } from '@incident/domain';
import {
  buildEvidenceBundle,
  parseSigningKey,
  serializeEvidenceBundle,
  storedStream,
  verifyEvidenceBundle,
} from '@incident/event-store';
import { readAuditAnchors, verifyKeyFromEnvironment } from './audit-anchors-from-env';
import { withStore } from './store-from-env';

/** `bundle <id> -o file`: the incident's events, the anchors covering them with Merkle proofs, and the key. */
export function bundleCommand(): Command {
  return new Command('bundle')
    .description("write an incident's evidence bundle: events, covering anchors with Merkle proofs, public key")
    .argument('<incident-id>', 'the incident id (uuid)')
    .requiredOption('-o, --output <file>', 'where to write the bundle (JSON)')
    .option('--public-key <base64>', 'the Ed25519 key anchors must be signed with (default AUDIT_PUBLIC_KEY)')
    .action(async (incidentId: string, options: { output: string; publicKey?: string }) => {
      const streamId = incidentStreamId(incidentId);
      const key = verifyKeyFromEnvironment(options.publicKey);
      const { audit } = await readAuditAnchors(key);
      const events = await withStore((store) => storedStream(store.adapter, streamId));
      if (events.length === 0) throw new Error(`incident ${incidentId} has no history`);
      const covering = audit.chain.trusted.filter((anchor) => anchor.leaves.some((leaf) => leaf.streamId === streamId));
      await writeFile(options.output, serializeEvidenceBundle(buildEvidenceBundle(streamId, events, covering, key)));
      process.stdout.write(
        `wrote ${options.output}: ${events.length} events, ${covering.length} anchors, key ${key.keyId}\n`,
      );
    });
}

/** `verify-bundle <file>`: the offline check; needs nothing but the file (docs/verify-bundle.mjs does the same). */
export function verifyBundleCommand(): Command {
  return new Command('verify-bundle')
    .description('verify an evidence bundle offline, with no database or Kafka')
    .argument('<file>', 'the bundle (from `incidentctl bundle` or GET /v1/incidents/:id/bundle)')
    .option('--key-id <hex>', 'the key id the anchors must be signed with (as `incidentctl audit-key` prints it)')
    .action(async (file: string, options: { keyId?: string }) => {
      const verdict = verifyEvidenceBundle(await readFile(file, 'utf8'), options.keyId);
      const anchored =
        verdict.anchoredRevision === undefined
          ? 'no anchor covers it'
          : `anchored through revision ${verdict.anchoredRevision} at ${verdict.anchoredAt}`;
      if (verdict.ok) {
        process.stdout.write(`${verdict.streamId}: bundle OK (${verdict.events} events, ${anchored})\n`);
        process.stdout.write(
          `signed by key ${verdict.keyId}${options.keyId ? ' (as required)' : ': compare it with the one you trust'}\n`,
        );
        return;
      }
      process.stdout.write(
        `${verdict.streamId ?? file}: bundle BROKEN\n${verdict.problems.map((p) => `    ${p}\n`).join('')}`,
      );
      process.exitCode = 2;
    });
}

/** `audit-key`: the public half and id of AUDIT_SIGNING_KEY, to hand to auditors and to AUDIT_PUBLIC_KEY. */
export function auditKeyCommand(): Command {
  return new Command('audit-key')
    .description('print the public key and key id of AUDIT_SIGNING_KEY (give these to auditors)')
    .action(() => {
      const signing = process.env['AUDIT_SIGNING_KEY'];
      if (!signing) throw new Error('AUDIT_SIGNING_KEY is not set (npm run incidentctl sets the local one)');
      const { verifyKey } = parseSigningKey(signing);
      process.stdout.write(`AUDIT_PUBLIC_KEY=${verifyKey.encoded}\nkey id ${verifyKey.keyId}\n`);
    });
}
