import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '@incident/platform';
import { ConsoleSessions } from '../sessions/console-sessions';
import { IncidentFeed } from './incident-feed';

/** A comment line every so often keeps proxies and the browser from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * GET /api/stream/incidents: server-sent events, one `incident` event (data: the incident as GET /v1/incidents
 * lists it) each time its read-model row changes, and a `: heartbeat` comment every 15 s. Every signed-in role
 * reads the incident list; a customer's stream carries only that customer's incidents.
 */
@Public()
@Controller('api/stream')
export class IncidentStreamController {
  constructor(
    @Inject(ConsoleSessions) private readonly sessions: ConsoleSessions,
    @Inject(IncidentFeed) private readonly feed: IncidentFeed,
  ) {}

  @Get('incidents')
  async incidents(@Req() req: Request, @Res() res: Response): Promise<void> {
    const session = await this.sessions.require(req);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write('retry: 3000\n: connected\n\n');
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    // The stream ends with the session; the page's reconnect then meets the 401 and signs in again.
    const expiry = setTimeout(() => res.end(), Math.min(session.expiresAt.getTime() - Date.now(), 2 ** 31 - 1));
    const unsubscribe = this.feed.subscribe({
      deliver: (change) => {
        if (session.customerId !== undefined && change.customerId !== session.customerId) return;
        res.write(`event: incident\ndata: ${change.json}\n\n`);
      },
      drop: () => res.end(),
    });
    req.on('close', () => {
      clearInterval(heartbeat);
      clearTimeout(expiry);
      unsubscribe();
    });
  }
}
