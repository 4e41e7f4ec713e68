import { TEST_ENV } from './infrastructure-env';
import { describeWithInfrastructure, infrastructureVerdict } from './integration-suite';

const KEYS = ['CI', TEST_ENV.postgresUnavailable, TEST_ENV.kafkaUnavailable, TEST_ENV.eventStoreUnavailable];

describe('infrastructureVerdict (what describeWithInfrastructure does)', () => {
  const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));
  beforeEach(() => KEYS.forEach((key) => delete process.env[key]));
  afterAll(() =>
    KEYS.forEach((key) => (saved[key] === undefined ? delete process.env[key] : (process.env[key] = saved[key]))),
  );

  const given = (env: Record<string, string>) => Object.assign(process.env, env);

  describe('under CI=true', () => {
    beforeEach(() => given({ CI: 'true' }));

    it.each([
      [['postgres'], TEST_ENV.postgresUnavailable, /postgres \(not reachable\)/],
      [['kafka'], TEST_ENV.kafkaUnavailable, /kafka \(not reachable\)/],
      [['postgres', 'kafka', 'eventstoredb'], TEST_ENV.kafkaUnavailable, /CI=true: suites needing kafka/],
    ] as const)('throws for %j when %s is set, rather than skipping', (needs, key, message) => {
      given({ [key]: 'not reachable' });
      expect(() => infrastructureVerdict(needs)).toThrow(message);
    });

    it('describeWithInfrastructure throws the same, before declaring any suite', () => {
      given({ [TEST_ENV.postgresUnavailable]: 'not reachable' });
      expect(() => describeWithInfrastructure(['postgres'], 'a suite', () => undefined)).toThrow(/^CI=true: suites/);
    });

    it('skips a suite that needs an EventStoreDB nobody could start', () => {
      given({ [TEST_ENV.eventStoreUnavailable]: 'no Docker engine' });
      expect(infrastructureVerdict(['postgres', 'eventstoredb'])).toEqual({
        run: false,
        reasons: ['no Docker engine'],
      });
    });

    it('runs a suite whose components are all there', () => {
      given({ [TEST_ENV.eventStoreUnavailable]: 'no Docker engine' });
      expect(infrastructureVerdict(['postgres', 'kafka'])).toEqual({ run: true });
    });
  });

  describe('outside CI', () => {
    it.each(['', 'false', '0'])('skips with the reason when CI=%j', (ci) => {
      given({ CI: ci, [TEST_ENV.postgresUnavailable]: 'initdb failed', [TEST_ENV.kafkaUnavailable]: 'no JDK' });
      expect(infrastructureVerdict(['postgres', 'kafka'])).toEqual({
        run: false,
        reasons: ['initdb failed', 'no JDK'],
      });
    });
  });
});
