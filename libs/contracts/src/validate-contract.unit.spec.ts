import { CreateIntegrationDto, PagerDutyEventDto, validateContract } from './index';

describe('validateContract', () => {
  describe('given a valid integration', () => {
    it('returns an instance of the contract, as the API and the CLI then use it', async () => {
      const checked = await validateContract(CreateIntegrationDto, {
        name: 'prometheus',
        source: 'alertmanager',
        customerId: 'acme',
        service: 'postgres',
        defaultCategory: 'resources.exhausted',
        groupBy: ['alertname'],
      });
      expect(checked).toEqual({ ok: true, value: expect.any(CreateIntegrationDto) });
    });
  });

  describe('given several bad fields, some nested', () => {
    it('names every one of them by its path at once', async () => {
      const checked = await validateContract(PagerDutyEventDto, {
        routing_key: '',
        event_action: 'trigger',
        payload: { summary: 'disk full', source: 'db-1', severity: 'catastrophic' },
      });
      expect(checked).toEqual({
        ok: false,
        errors: [
          'routing_key: routing_key should not be empty',
          expect.stringMatching(/^payload\.severity: severity must be one of the following values: /),
        ],
      });
    });
  });
});
