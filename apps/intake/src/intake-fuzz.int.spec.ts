import fc from 'fast-check';
import { describeWithInfrastructure } from '@incident/testing';
import { fixture, startIntake, type IntakeTestApp } from './test-support/intake-test-app';

const ENDPOINTS = [
  { path: '/v2/enqueue', fixtures: ['pagerduty-trigger.json', 'pagerduty-acknowledge.json', 'pagerduty-resolve.json'] },
  { path: '/v1/alerts/alertmanager', fixtures: ['alertmanager-firing.json', 'alertmanager-resolved.json'] },
  { path: '/v1/alerts', fixtures: ['generic-alert.json'] },
  { path: '/v1/tickets', fixtures: ['ticket-urgent.json'] },
] as const;

/** Replaces, deletes or retypes one field somewhere in the document. */
function mutate(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (typeof value !== 'object' || value === null || path.length === 0) return replacement;
  const entries = Object.entries(value);
  if (entries.length === 0) return replacement;
  const index = (path[0] ?? 0) % entries.length;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as never) : { ...value };
  const [key, inner] = entries[index] as [string, unknown];
  if (replacement === undefined && path.length === 1) delete copy[key];
  else copy[key] = mutate(inner, path.slice(1), replacement);
  return copy;
}

describeWithInfrastructure(['postgres', 'kafka'], 'intake: fuzzing', () => {
  let intake: IntakeTestApp;
  let key: string;

  beforeAll(async () => {
    intake = await startIntake('intake_fuzz', { INTAKE_RATE_LIMIT_PER_MINUTE: '1000000' });
    ({ key } = await intake.createIntegration({ groupBy: ['alertname'] }));
  });
  afterAll(async () => {
    await intake?.close();
  });

  it('answers 2,000 random and mutated payloads without a 5xx', async () => {
    const payload = fc.oneof(
      fc.jsonValue(),
      fc.record({
        endpoint: fc.nat(ENDPOINTS.length - 1),
        fixture: fc.nat(2),
        path: fc.array(fc.nat(20), { minLength: 1, maxLength: 4 }),
        replacement: fc.oneof(fc.constant(undefined), fc.jsonValue()),
      }),
    );
    const samples = fc.sample(payload, { numRuns: 2000, seed: 4242 });
    const statuses = new Map<number, number>();
    for (let i = 0; i < samples.length; i += 50) {
      await Promise.all(
        samples.slice(i, i + 50).map(async (sample, n) => {
          let path: string = ENDPOINTS[(i + n) % ENDPOINTS.length]!.path;
          let body: unknown = sample;
          if (typeof sample === 'object' && sample !== null && 'endpoint' in sample && 'path' in sample) {
            const endpoint = ENDPOINTS[sample.endpoint as number]!;
            const name = endpoint.fixtures[(sample.fixture as number) % endpoint.fixtures.length]!;
            path = endpoint.path;
            body = mutate({ ...fixture(name), routing_key: key }, sample.path as number[], sample.replacement);
          }
          const response = await intake
            .http()
            .post(path)
            .set('Authorization', `Bearer ${key}`)
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body) ?? 'null');
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status >= 500) throw new Error(`${path} answered ${response.status} to ${JSON.stringify(body)}`);
        }),
      );
    }
    expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
    expect(statuses.get(202)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  }, 120_000);
});
