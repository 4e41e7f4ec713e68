import { incidentDecider, type IncidentState } from '@incident/domain';
import { openIncident } from '../test-support/review-history';
import { type EarlierIncident, recurrenceLinks, recurrenceWindow } from './recurrence-links';

const ID = '9a1d9a0e-0000-4000-8000-000000000001';
const AT = '2026-11-22T07:00:00.000Z';
const opened: IncidentState = incidentDecider
  .decide(openIncident(ID), incidentDecider.initialState())
  .reduce(incidentDecider.evolve, incidentDecider.initialState());
const earlier = (incidentId: string, facts: Partial<EarlierIncident>): EarlierIncident => ({
  incidentId,
  service: 'billing',
  dedupKey: 'other',
  openedAt: '2026-11-10T00:00:00.000Z',
  ...facts,
});

describe('recurrenceLinks', () => {
  it('looks back 30 days from the opening', () => {
    expect(recurrenceWindow('2026-11-22T04:00:00.000Z')).toEqual({
      from: '2026-10-23T04:00:00.000Z',
      to: '2026-11-22T04:00:00.000Z',
    });
  });

  it('links earlier incidents of the same service or dedup key in the window, saying what they share', () => {
    const links = recurrenceLinks(
      opened,
      [
        earlier('same-service', { service: 'acme-api' }),
        earlier('same-key', { dedupKey: `acme-api/${ID}` }),
        earlier('unrelated', {}),
        earlier('too-old', { service: 'acme-api', openedAt: '2026-10-01T00:00:00.000Z' }),
        earlier(ID, { service: 'acme-api' }),
      ],
      'review',
      AT,
    );

    expect(links.map((link) => [link.data.linkedIncidentId, link.data.note])).toEqual([
      ['same-service', 'same service acme-api, opened 2026-11-10T00:00:00.000Z'],
      ['same-key', `same dedup key acme-api/${ID}, opened 2026-11-10T00:00:00.000Z`],
    ]);
    expect(links[0]).toMatchObject({
      type: 'LinkIncident',
      data: { incidentId: ID, relation: 'recurrence_of', linkedBy: 'review', linkedAt: AT },
    });
  });

  it('leaves out an incident already linked as a recurrence, and the decider accepts the rest', () => {
    const [first] = recurrenceLinks(opened, [earlier('a', { service: 'acme-api' })], 'review', AT);
    const linked = incidentDecider.decide(first!, opened).reduce(incidentDecider.evolve, opened);

    expect(recurrenceLinks(linked, [earlier('a', { service: 'acme-api' })], 'review', AT)).toEqual([]);
  });
});
