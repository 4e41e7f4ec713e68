import { describeWithInfrastructure } from '@incident/testing';
import { incidentStreamId, replayIncident, type IncidentEvent } from '@incident/domain';
import { fixture, startIntake, type IntakeTestApp } from './test-support/intake-test-app';

/** Issue 13: the source's resolve follows the integration's `autoResolve`. */
describeWithInfrastructure(
  ['postgres', 'kafka'],
  "intake: source resolution follows the integration's autoResolve",
  () => {
    let intake: IntakeTestApp;

    beforeAll(async () => {
      intake = await startIntake('intake_auto_resolve');
    });
    afterAll(async () => {
      await intake?.close();
    });

    const send = (key: string, dedupKey: string, action: 'trigger' | 'acknowledge' | 'resolve') =>
      intake
        .http()
        .post('/v2/enqueue')
        .send({ ...fixture('pagerduty-trigger.json'), routing_key: key, dedup_key: dedupKey, event_action: action })
        .expect(202);

    /** Trigger, acknowledge, resolve through the PagerDuty endpoint; the incident's state from its stream. */
    const triggerAcknowledgeResolve = async (dedupKey: string, integration: Record<string, unknown>) => {
      const { key } = await intake.createIntegration({ source: 'pagerduty', ...integration });
      for (const action of ['trigger', 'acknowledge', 'resolve'] as const) await send(key, dedupKey, action);
      const stored = await intake.events();
      const opened = stored.find((e) => e.event_type === 'IncidentOpened' && e.data['dedupKey'] === dedupKey);
      const stream = stored.filter((e) => e.stream_id === incidentStreamId(String(opened?.data['incidentId'])));
      return {
        types: stream.map((e) => e.event_type),
        state: replayIncident(stream.map((e) => ({ type: e.event_type, data: e.data }) as IncidentEvent)),
      };
    };

    it('resolves an acknowledged incident when the integration keeps the default (always)', async () => {
      const { types, state } = await triggerAcknowledgeResolve('auto-resolve-default', {});
      expect(types).toEqual(['IncidentOpened', 'IncidentAcknowledged', 'AlertResolvedAtSource', 'IncidentResolved']);
      expect(state).toMatchObject({ status: 'resolved', assignee: expect.stringMatching(/^integration:/) });
    });

    it('leaves an acknowledged incident acknowledged with autoResolve: unacknowledged', async () => {
      const { types, state } = await triggerAcknowledgeResolve('auto-resolve-unacknowledged', {
        autoResolve: 'unacknowledged',
      });
      expect(types).toEqual(['IncidentOpened', 'IncidentAcknowledged', 'AlertResolvedAtSource']);
      expect(state.status).toBe('acknowledged');
    });

    it('refuses an unknown policy, naming the field', async () => {
      const response = await intake
        .http()
        .post('/v1/integrations')
        .set('Authorization', intake.admin())
        .send({
          name: 'x',
          source: 'pagerduty',
          customerId: 'acme',
          service: 's',
          defaultCategory: 'defect.bug',
          autoResolve: 'sometimes',
        })
        .expect(400);
      expect(JSON.stringify(response.body)).toContain('autoResolve');
    });
  },
);
