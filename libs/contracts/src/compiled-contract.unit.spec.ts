import type { ClassConstructor } from 'class-transformer';
import {
  AlertmanagerWebhookDto,
  compiledAccepts,
  CreateIntegrationDto,
  GenericAlertDto,
  PagerDutyEventDto,
  TicketDto,
  validateCompiled,
  validateContract,
} from './index';

/** Valid bodies of each contract; every field of each is then replaced by every value of ODD_VALUES. */
const VALID: readonly [ClassConstructor<object>, Record<string, unknown>][] = [
  [
    PagerDutyEventDto,
    {
      routing_key: 'key',
      event_action: 'trigger',
      dedup_key: 'disk-full',
      payload: { summary: 'disk full', source: 'db-1', severity: 'error', custom_details: { customer: 'acme' } },
    },
  ],
  [PagerDutyEventDto, { routing_key: 'key', event_action: 'resolve', dedup_key: 'disk-full' }],
  [
    PagerDutyEventDto,
    { routing_key: 'key', event_action: 'trigger', payload: { summary: 's', source: 'x', severity: 'info' } },
  ],
  [
    AlertmanagerWebhookDto,
    {
      version: '4',
      status: 'firing',
      alerts: [
        { status: 'firing', labels: { alertname: 'Down' }, fingerprint: 'f1', startsAt: '2026-01-01T00:00:00Z' },
      ],
    },
  ],
  [
    GenericAlertDto,
    { source: 'probe', status: 'firing', title: 'down', severity: 'high', occurredAt: '2026-11-22T10:00:00Z' },
  ],
  [
    TicketDto,
    { customer: 'acme', priority: 'urgent', subject: 'down', kind: 'application', reportedBy: 'a@b.example' },
  ],
  [
    CreateIntegrationDto,
    { name: 'n', source: 's', customerId: 'c', service: 'v', defaultCategory: 'defect.bug', groupBy: ['a'] },
  ],
];

const ODD_VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x'.repeat(2_000),
  42,
  true,
  {},
  [],
  ['a b'],
  [{}],
  'trigger',
  'resolve',
  'firing',
  'error',
  'not-a-date',
  { summary: 's', source: 'x', severity: 'warning' },
  { summary: '', source: 'x', severity: 'warning' },
];

function variants(valid: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [valid];
  for (const field of Object.keys(valid)) {
    for (const odd of ODD_VALUES) out.push({ ...valid, [field]: odd });
    const nested = valid[field];
    if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
      for (const inner of Object.keys(nested)) {
        for (const odd of ODD_VALUES) out.push({ ...valid, [field]: { ...nested, [inner]: odd } });
      }
    }
    if (Array.isArray(nested) && typeof nested[0] === 'object') {
      for (const inner of Object.keys(nested[0] as object)) {
        for (const odd of ODD_VALUES) out.push({ ...valid, [field]: [{ ...(nested[0] as object), [inner]: odd }] });
      }
    }
  }
  return out;
}

describe('compiled contracts', () => {
  describe('given valid bodies and every field of them replaced by odd values', () => {
    it('accept exactly what validateContract accepts', async () => {
      const compiled: string[] = [];
      const reference: string[] = [];
      for (const [type, valid] of VALID) {
        for (const plain of variants(valid)) {
          const label = `${type.name} ${JSON.stringify(plain)}`;
          compiled.push(`${label} → ${String(compiledAccepts(type, plain))}`);
          reference.push(`${label} → ${String((await validateContract(type, plain)).ok)}`);
        }
      }
      expect(compiled.length).toBeGreaterThan(500);
      expect(compiled).toEqual(reference);
    });
  });

  describe('given an invalid body', () => {
    it("answers with validateContract's messages, naming each bad field", async () => {
      const plain = {
        routing_key: '',
        event_action: 'trigger',
        payload: { summary: 'disk full', source: 'db-1', severity: 'catastrophic' },
      };
      expect(await validateCompiled(PagerDutyEventDto, plain)).toEqual(
        await validateContract(PagerDutyEventDto, plain),
      );
    });
  });

  describe('given a valid body', () => {
    it('returns the body itself, unchanged', async () => {
      const plain = { routing_key: 'key', event_action: 'resolve', dedup_key: 'disk-full', client: 'tool' };
      const checked = await validateCompiled(PagerDutyEventDto, plain);
      expect(checked).toEqual({ ok: true, value: plain });
    });
  });
});
