import { DeciderSpecification, INCIDENT_ID as incidentId, at, command, historyIn } from '../testing-support';
import { IllegalTransitionError, IncidentValidationError } from './incident-errors';
import { incidentDecider } from './incident-decider';
import type { IncidentEvent } from './incident-events';

const given = DeciderSpecification.for(incidentDecider);

const requested = (pageId: string, target: string): IncidentEvent => ({
  type: 'PageRequested',
  data: {
    incidentId,
    pageId,
    level: 2,
    attempt: 1,
    target,
    idempotencyKey: `page:${incidentId}:0:2:1:${target}`,
    requestedAt: at(60),
  },
});

const twoPages = command('RequestPages', {
  level: 2,
  attempt: 1,
  pages: [
    { pageId: 'p-alice', target: 'alice', idempotencyKey: `page:${incidentId}:0:2:1:alice` },
    { pageId: 'p-bob', target: 'bob', idempotencyKey: `page:${incidentId}:0:2:1:bob` },
  ],
});

describe('exactly-once paging: the intent, then one outcome per page', () => {
  describe('when triaged', () => {
    const history = historyIn('triaged');

    it('records one PageRequested per target of the step, nothing delivered yet', () => {
      const state = given(history)
        .when(twoPages)
        .then([requested('p-alice', 'alice'), requested('p-bob', 'bob')]);
      expect(state).toMatchObject({ status: 'triaged', pageCount: 0 });
      expect(state.status !== 'initial' && state.pages.map((page) => page.outcome)).toEqual(['requested', 'requested']);
    });

    it('refuses a step without pages, naming the field', () => {
      given(history)
        .when(command('RequestPages', { pages: [] }))
        .thenThrows(IncidentValidationError, { field: 'pages' });
    });

    it('refuses a page id used before', () => {
      given([...history, requested('p-alice', 'alice')])
        .when(twoPages)
        .thenThrows(IllegalTransitionError, { reason: 'page p-alice was already requested' });
    });
  });

  describe('when a page was requested', () => {
    const history = historyIn('triaged', { pageRequested: true });

    it('records its delivery with the key and the channel used, and counts the page', () => {
      const state = given(history)
        .when(command('RecordPageDelivery', { channel: 'email' }))
        .then([
          {
            type: 'PageDelivered',
            data: {
              incidentId,
              pageId: 'page-1',
              level: 1,
              attempt: 0,
              target: 'alice',
              channel: 'email',
              idempotencyKey: 'page:incident:0:1:0:alice',
              deliveredAt: at(60),
            },
          },
        ]);
      expect(state).toMatchObject({ pageCount: 1, pages: [{ pageId: 'page-1', outcome: 'delivered' }] });
    });

    it('records its failure, which is not a page', () => {
      const state = given(history)
        .when(command('RecordPageFailure'))
        .then([
          {
            type: 'PageFailed',
            data: {
              incidentId,
              pageId: 'page-1',
              level: 1,
              attempt: 0,
              target: 'alice',
              reason: 'every contact method failed',
              failedAt: at(60),
            },
          },
        ]);
      expect(state).toMatchObject({ pageCount: 0, pages: [{ pageId: 'page-1', outcome: 'failed' }] });
    });
  });

  describe('when the page was delivered', () => {
    const delivered: IncidentEvent = {
      type: 'PageDelivered',
      data: {
        incidentId,
        pageId: 'page-1',
        level: 1,
        attempt: 0,
        target: 'alice',
        channel: 'webhook',
        idempotencyKey: 'page:incident:0:1:0:alice',
        deliveredAt: at(2),
      },
    };
    const history = [...historyIn('triaged', { pageRequested: true }), delivered];

    it.each(['RecordPageDelivery', 'RecordPageFailure'] as const)(
      'refuses a second outcome, so a retried delivery adds nothing (%s)',
      (type) => {
        given(history)
          .when(command(type))
          .thenThrows(IllegalTransitionError, { reason: 'page page-1 is already delivered' });
      },
    );
  });

  describe('when resolved after the page was requested', () => {
    it('still records the outcome of a delivery that was under way', () => {
      const state = given(historyIn('resolved', { pageRequested: true }))
        .when(command('RecordPageDelivery'))
        .then([
          {
            type: 'PageDelivered',
            data: {
              incidentId,
              pageId: 'page-1',
              level: 1,
              attempt: 0,
              target: 'alice',
              channel: 'webhook',
              idempotencyKey: 'page:incident:0:1:0:alice',
              deliveredAt: at(60),
            },
          },
        ]);
      expect(state).toMatchObject({ status: 'resolved', pageCount: 1 });
    });
  });

  describe('when not yet requested', () => {
    it('refuses an outcome for a page nobody asked for', () => {
      given(historyIn('triaged'))
        .when(command('RecordPageDelivery'))
        .thenThrows(IllegalTransitionError, { reason: 'page page-1 was never requested' });
    });

    it('refuses to page once the incident is resolved', () => {
      given(historyIn('resolved'))
        .when(twoPages)
        .thenThrows(IllegalTransitionError, { commandType: 'RequestPages', status: 'resolved' });
    });
  });
});

describe('SLA clocks', () => {
  describe('when triaged', () => {
    it('starts each clock with its due time, once per response cycle', () => {
      const state = given(historyIn('triaged'))
        .when(command('StartSlaClocks'))
        .then([
          {
            type: 'SlaClockStarted',
            data: { incidentId, sla: 'acknowledgement', targetMinutes: 15, dueAt: at(75), startedAt: at(60) },
          },
          {
            type: 'SlaClockStarted',
            data: { incidentId, sla: 'resolution', targetMinutes: 480, dueAt: at(540), startedAt: at(60) },
          },
        ]);
      expect(state).toMatchObject({ slaClocks: ['acknowledgement', 'resolution'] });
    });

    it('refuses to start a clock twice in one cycle', () => {
      const started: IncidentEvent = {
        type: 'SlaClockStarted',
        data: { incidentId, sla: 'resolution', targetMinutes: 480, dueAt: at(481), startedAt: at(1) },
      };
      given([...historyIn('triaged'), started])
        .when(command('StartSlaClocks'))
        .thenThrows(IllegalTransitionError, { reason: 'the resolution clock of this response cycle already started' });
    });

    it('refuses a clock without a target, naming the field', () => {
      given(historyIn('triaged'))
        .when(command('StartSlaClocks', { clocks: [{ sla: 'resolution', targetMinutes: 0 }] }))
        .thenThrows(IncidentValidationError, { field: 'clocks[0].targetMinutes' });
    });
  });

  describe('when the customer-update clock runs', () => {
    const updateClock = (startedAt: string, dueAt: string): IncidentEvent => ({
      type: 'SlaClockStarted',
      data: { incidentId, sla: 'customer_update', targetMinutes: 30, dueAt, startedAt },
    });

    it('starts it again from a customer update, with the next due time, as the one clock of the cycle', () => {
      const state = given([...historyIn('triaged'), updateClock(at(60), at(90))])
        .when(command('StartSlaClocks', { clocks: [{ sla: 'customer_update', targetMinutes: 30 }], startedAt: at(80) }))
        .then([
          {
            type: 'SlaClockStarted',
            data: { incidentId, sla: 'customer_update', targetMinutes: 30, dueAt: at(110), startedAt: at(80) },
          },
        ]);
      expect(state).toMatchObject({ slaClocks: ['customer_update'] });
    });

    it('still refuses to start another clock of the cycle twice alongside it', () => {
      const started: IncidentEvent = {
        type: 'SlaClockStarted',
        data: { incidentId, sla: 'resolution', targetMinutes: 480, dueAt: at(481), startedAt: at(1) },
      };
      given([...historyIn('triaged'), started, updateClock(at(1), at(31))])
        .when(
          command('StartSlaClocks', {
            clocks: [
              { sla: 'customer_update', targetMinutes: 30 },
              { sla: 'resolution', targetMinutes: 480 },
            ],
          }),
        )
        .thenThrows(IllegalTransitionError, { reason: 'the resolution clock of this response cycle already started' });
    });

    it('records its breach once in the cycle', () => {
      given([...historyIn('triaged'), updateClock(at(60), at(90))])
        .when(command('RecordSlaBreach', { sla: 'customer_update', targetMinutes: 30, breachedAt: at(90) }))
        .then([
          {
            type: 'SlaBreached',
            data: { incidentId, sla: 'customer_update', targetMinutes: 30, breachedAt: at(90) },
          },
        ]);
    });
  });
});
