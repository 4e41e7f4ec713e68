import { incidentIdOfStream } from '../incident';
import { changeStreamId, isChangeStream } from './change-events';

describe('changeStreamId', () => {
  it('names one stream per customer and service, readable when the names are plain', () => {
    expect(changeStreamId('acme', 'checkout-api')).toBe('changes-acme:checkout-api');
  });

  it('keeps pairs apart whatever characters their names hold', () => {
    expect(changeStreamId('a:b', 'c')).not.toBe(changeStreamId('a', 'b:c'));
    expect(changeStreamId('acme', 'web shop/eu')).toBe('changes-acme:web%20shop%2Feu');
  });

  it('is a change stream, never an incident stream', () => {
    const stream = changeStreamId('acme', 'checkout-api');
    expect(isChangeStream(stream)).toBe(true);
    expect(incidentIdOfStream(stream)).toBeNull();
    expect(isChangeStream('incident-3f1d9a0e')).toBe(false);
  });
});
