import { IllegalTransitionError, IncidentValidationError } from '@incident/domain';
import { ConcurrencyConflict, WrongExpectedRevision } from '@incident/event-store';
import { InvalidIncidentEventMessage } from '../incident-event-message';
import { backoffDelay, isPermanentFailure, PermanentError } from './retry-policy';

const options = { baseMs: 100, maxMs: 1_000 };

describe('backoffDelay', () => {
  it('doubles with every failed attempt, between half and all of the exponential delay', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, options, () => 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the ceiling, however many attempts failed', () => {
    expect(backoffDelay(5, options, () => 1)).toBe(1_000);
    expect(backoffDelay(500, options, () => 1)).toBe(1_000);
    expect(backoffDelay(500, options, () => 0)).toBe(500);
  });

  it('spreads replicas that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, options)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(200);
      expect(delay).toBeLessThanOrEqual(400);
    }
  });

  it('treats a nonsensical attempt number as the first', () => {
    expect(backoffDelay(0, options, () => 1)).toBe(100);
    expect(backoffDelay(-3, options, () => 1)).toBe(100);
  });
});

describe('isPermanentFailure', () => {
  it('is true for errors retrying cannot fix', () => {
    expect(isPermanentFailure(new PermanentError('refused'))).toBe(true);
    expect(isPermanentFailure(new InvalidIncidentEventMessage('bad shape'))).toBe(true);
  });

  it('is true for the domain refusing a command: it would refuse it again, so it goes to the dead letters', () => {
    expect(isPermanentFailure(new IncidentValidationError('LogTime', 'minutes', 'must be ≥ 1'))).toBe(true);
    expect(isPermanentFailure(new IllegalTransitionError('AcknowledgeIncident', 'closed'))).toBe(true);
  });

  it('is false for a lost race: the retry re-reads the stream and decides again', () => {
    expect(isPermanentFailure(new ConcurrencyConflict('incident-1', 5))).toBe(false);
    expect(isPermanentFailure(new WrongExpectedRevision('incident-1', 3, 4))).toBe(false);
  });

  it('presumes anything else transient', () => {
    expect(isPermanentFailure(new Error('connection reset'))).toBe(false);
    expect(isPermanentFailure('a string')).toBe(false);
  });
});
