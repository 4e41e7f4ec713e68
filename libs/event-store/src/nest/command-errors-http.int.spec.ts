import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Inject, type INestApplication, Module, Param, Post } from '@nestjs/common';
import request from 'supertest';
import type { IncidentCommand } from '@incident/domain';
import { CurrentPrincipal } from '@incident/platform';
import type { Principal } from '@incident/platform';
import { startTestService, testBearer } from '@incident/platform/testing';
import { createTestDatabase, describeWithInfrastructure, kafkaBrokers, type TestDatabase } from '@incident/testing';
import type { HashChainedEventStore } from '../event-store';
import { IncidentCommandHandler, type IncidentCommandContext } from '../incident-command-handler';
import { ContendedStore } from '../testing-support/contended-store';
import { EVENT_STORE, EventStoreModule } from './event-store.module';

const AT = '2026-11-22T04:00:00.000Z';
const CONTENDED = Symbol('CONTENDED');

const acknowledge = (incidentId: string, principal: Principal): IncidentCommand => ({
  type: 'AcknowledgeIncident',
  data: { incidentId, responderId: principal.subject, acknowledgedAt: AT },
});

/** A controller as the style guide wants them: build the command, call the handler, let the filter answer. */
@Controller('v1/test/incidents')
class IncidentCommandsController {
  constructor(
    private readonly commands: IncidentCommandHandler,
    @Inject(CONTENDED) private readonly contended: IncidentCommandHandler,
  ) {}

  @Post(':id/open')
  @HttpCode(201)
  async open(@Param('id') incidentId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(
      {
        type: 'OpenIncident',
        data: {
          incidentId,
          dedupKey: 'k',
          source: 'test',
          customerId: 'acme',
          service: 'db',
          title: 't',
          openedAt: AT,
        },
      },
      this.context(principal),
    );
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  async acknowledge(@Param('id') incidentId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.commands.execute(acknowledge(incidentId, principal), this.context(principal));
  }

  @Post(':id/time')
  @HttpCode(200)
  async logTime(
    @Param('id') incidentId: string,
    @Body() body: { minutes: number },
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const command: IncidentCommand = {
      type: 'LogTime',
      data: { incidentId, responderId: principal.subject, kind: 'corrective', minutes: body.minutes, loggedAt: AT },
    };
    await this.commands.execute(command, this.context(principal));
  }

  /** Through a store where another writer always gets in first: the handler's retries run out. */
  @Post(':id/contended-acknowledge')
  @HttpCode(200)
  async contendedAcknowledge(@Param('id') incidentId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.contended.execute(acknowledge(incidentId, principal), this.context(principal));
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection to 10.0.0.7 refused: password authentication failed for user "incident"');
  }

  private context(principal: Principal): IncidentCommandContext {
    return { actor: { kind: 'user', id: principal.subject }, correlationId: randomUUID() };
  }
}

@Module({
  imports: [EventStoreModule.forRoot()],
  controllers: [IncidentCommandsController],
  providers: [
    {
      provide: CONTENDED,
      inject: [EVENT_STORE],
      useFactory: (store: HashChainedEventStore) =>
        new IncidentCommandHandler(new ContendedStore(store), { maxAttempts: 2, baseDelayMs: 1 }),
    },
  ],
})
class IncidentCommandsModule {}

describeWithInfrastructure(
  ['postgres', 'kafka'],
  'domain and store errors over HTTP, through the platform filter',
  () => {
    let database: TestDatabase;
    let app: INestApplication;
    const bearer = testBearer(['responder'], 'alice');
    const post = (path: string, body: object = {}) =>
      request(app.getHttpServer()).post(`/v1/test/incidents/${path}`).set('Authorization', bearer).send(body);

    beforeAll(async () => {
      database = await createTestDatabase('command_errors_http');
      const environment = { databaseUrl: database.url, kafkaBrokers: kafkaBrokers() };
      app = await startTestService('triage', IncidentCommandsModule, environment);
    });
    afterAll(async () => {
      await app?.close();
      await database?.drop();
    });

    const openedIncident = async (): Promise<string> => {
      const incidentId = randomUUID();
      await post(`${incidentId}/open`).expect(201);
      return incidentId;
    };

    it('answers an illegal transition with 409 naming the command and the current status', async () => {
      const incidentId = await openedIncident();
      await post(`${incidentId}/acknowledge`).expect(200);
      const refused = await post(`${incidentId}/acknowledge`).expect(409);
      expect(refused.body).toMatchObject({
        command: 'AcknowledgeIncident',
        currentStatus: 'acknowledged',
        message: 'cannot AcknowledgeIncident: incident is acknowledged (alice has already acknowledged it)',
      });
    });

    it('answers an invalid command with 400 naming the field', async () => {
      const incidentId = await openedIncident();
      const refused = await post(`${incidentId}/time`, { minutes: -5 }).expect(400);
      expect(refused.body).toMatchObject({ command: 'LogTime', field: 'minutes' });
    });

    it('answers a command on an unknown incident with 404', async () => {
      const incidentId = randomUUID();
      const refused = await post(`${incidentId}/acknowledge`).expect(404);
      expect(refused.body.message).toContain(incidentId);
    });

    it('answers a command that kept losing the race with 409 and Retry-After', async () => {
      const incidentId = await openedIncident();
      const refused = await post(`${incidentId}/contended-acknowledge`).expect(409);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body.message).toMatch(/retry/);
    });

    it('answers anything else with 500 carrying the correlation id and none of the error', async () => {
      const failed = await request(app.getHttpServer())
        .get('/v1/test/incidents/boom')
        .set('Authorization', bearer)
        .set('x-correlation-id', 'req-500')
        .expect(500);
      expect(failed.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'internal error',
        correlationId: 'req-500',
      });
      expect(failed.text).not.toMatch(/password|10\.0\.0\.7|at .*\.ts/);
    });

    it('leaves HttpExceptions their own status and body', async () => {
      const refused = await request(app.getHttpServer()).post('/v1/test/incidents/x/open').expect(401);
      expect(refused.body.message).toMatch(/missing bearer token/);
    });
  },
);
