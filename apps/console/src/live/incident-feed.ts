import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { In, type DataSource } from 'typeorm';
import {
  type BackgroundLoop,
  BackgroundLoops,
  PINO_LOGGER,
  PLATFORM_CONFIG,
  type PlatformConfig,
  untilAborted,
} from '@incident/platform';
import { INCIDENT_SUMMARY_CHANNEL, IncidentSummary } from '@incident/read-models';

/** One changed incident_summary row, as it goes out (the shape of GET /v1/incidents items), with its customer. */
export interface IncidentChange {
  readonly customerId: string;
  readonly json: string;
}

export interface FeedSubscriber {
  deliver(change: IncidentChange): void;
  /** The feed lost its LISTEN connection and may have missed changes: the stream ends, the browser reconnects. */
  drop(): void;
}

const RECONNECT_DELAY_MS = 1_000;
/** Rows changed together (a projection batch) are read with one query. */
const MAX_IDS_PER_READ = 500;

/**
 * Follows the read model: the projections' commits announce each changed incident_summary row on
 * INCIDENT_SUMMARY_CHANNEL (a trigger in the read-models schema), and this reads the announced rows and hands
 * them to every open stream. No polling: a change reaches the page when its projection batch commits. A lost
 * connection ends the streams, since announcements made meanwhile are gone; the pages reconnect and reload.
 */
@Injectable()
export class IncidentFeed implements BackgroundLoop {
  readonly name = 'incident-feed';
  private readonly subscribers = new Set<FeedSubscriber>();
  private pending = new Set<string>();
  private reading: Promise<void> | undefined;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(BackgroundLoops) loops: BackgroundLoops,
  ) {
    loops.register(this);
  }

  subscribe(subscriber: FeedSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => void this.subscribers.delete(subscriber);
  }

  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.listenUntilDropped(signal);
      } catch (error) {
        this.logger.warn({ err: error }, 'incident feed lost its LISTEN connection; reconnecting');
      }
      for (const subscriber of this.subscribers) subscriber.drop();
      if (!signal.aborted) {
        await Promise.race([new Promise((done) => setTimeout(done, RECONNECT_DELAY_MS)), untilAborted(signal)]);
      }
    }
    await this.reading;
  }

  private async listenUntilDropped(signal: AbortSignal): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'console-incident-feed' });
    const dropped = new Promise<void>((done, fail) => {
      client.on('error', fail);
      client.on('end', () => done());
    });
    client.on('notification', (message) => {
      if (message.payload) this.announce(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${INCIDENT_SUMMARY_CHANNEL}`);
      await Promise.race([dropped, untilAborted(signal)]);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private announce(incidentId: string): void {
    this.pending.add(incidentId);
    this.reading ??= this.readPending().finally(() => (this.reading = undefined));
  }

  /** Reads what was announced while the previous read ran, until nothing is left. */
  private async readPending(): Promise<void> {
    while (this.pending.size > 0) {
      const ids = [...this.pending].slice(0, MAX_IDS_PER_READ);
      for (const id of ids) this.pending.delete(id);
      if (this.subscribers.size === 0) continue;
      try {
        const rows = await this.dataSource.getRepository(IncidentSummary).findBy({ incidentId: In(ids) });
        for (const row of rows) {
          // Dates serialise as ISO strings, as the query service's IncidentView writes them.
          const change = { customerId: row.customerId, json: JSON.stringify(row) };
          for (const subscriber of this.subscribers) subscriber.deliver(change);
        }
      } catch (error) {
        this.logger.warn({ err: error, incidents: ids.length }, 'could not read changed incidents for the live list');
      }
    }
  }
}
