import {
  auditAnchors,
  parseSigningKey,
  parseVerifyKey,
  type Anchor,
  type AnchorAudit,
  type AuditVerifyKey,
} from '@incident/event-store';
import { AnchorLog, auditAnchorsTopicSpec } from '@incident/messaging';
import { kafkaFromEnvironment } from './kafka-from-env';

/**
 * The key anchors are checked with: --public-key, else AUDIT_PUBLIC_KEY, else the public half of
 * AUDIT_SIGNING_KEY (which `npm run incidentctl` sets from .data/secrets locally).
 */
export function verifyKeyFromEnvironment(publicKey?: string): AuditVerifyKey {
  const given = publicKey ?? process.env['AUDIT_PUBLIC_KEY'];
  if (given) return parseVerifyKey(given);
  const signing = process.env['AUDIT_SIGNING_KEY'];
  if (signing) return parseSigningKey(signing).verifyKey;
  throw new Error('no key to check anchors with: pass --public-key, or set AUDIT_PUBLIC_KEY (or AUDIT_SIGNING_KEY)');
}

/** Every record of `audit.anchors` (behind KAFKA_TOPIC_PREFIX), read once from its first offset and checked. */
export async function readAuditAnchors(key: AuditVerifyKey): Promise<{ audit: AnchorAudit; anchors: Anchor[] }> {
  const kafka = kafkaFromEnvironment();
  const { topic } = auditAnchorsTopicSpec(process.env['KAFKA_TOPIC_PREFIX'] ?? '');
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      throw new Error(`${topic} does not exist: no anchor was ever published (is AUDIT_SIGNING_KEY set on the relay?)`);
    }
  } finally {
    await admin.disconnect();
  }
  const log = new AnchorLog({ kafka, topic });
  try {
    await log.upToDate(120_000);
  } finally {
    await log.close();
  }
  return { audit: auditAnchors(log.anchors, log.unreadable, key), anchors: log.anchors };
}
