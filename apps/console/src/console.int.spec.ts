import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEventStore, type TestEventStore } from '@incident/event-store/testing';
import { type BuiltServiceProcess, describeWithInfrastructure } from '@incident/testing';
import { ConsoleProcess } from './test-support/console-process';
import { openIncident } from './test-support/incidents';
import { startService } from './test-support/service-processes';
import { signIn } from './test-support/signed-in-client';
import { SseReader } from './test-support/sse-reader';

const INCIDENT_ID = '7d2a4c1e-5b3f-4e8a-9c0d-1f2e3a4b5c6d';
const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

describeWithInfrastructure(['postgres', 'kafka'], 'the console against the real query service', () => {
  let events: TestEventStore;
  let query: BuiltServiceProcess & { readonly url: string };
  let console: ConsoleProcess;
  let webDir: string;

  beforeAll(async () => {
    events = await createTestEventStore('console');
    webDir = mkdtempSync(join(tmpdir(), 'console-web-'));
    query = await startService('query', events.database.url);
    console = await ConsoleProcess.start({ databaseUrl: events.database.url, upstreams: { query: query.url }, webDir });
  });

  afterAll(async () => {
    await console?.kill('SIGTERM');
    await query?.kill('SIGTERM');
    await events?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  describe('sign-in links', () => {
    it('sign in once with an HttpOnly, SameSite=Strict session cookie, then answer 410', async () => {
      const link = console.signInLink('responder', 'rita');
      const first = await fetch(link, { redirect: 'manual' });
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toBe('/');
      const cookie = first.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^console_session=[A-Za-z0-9_-]{40,};/);
      expect(cookie.split('; ')).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict']));
      const again = await fetch(link, { redirect: 'manual' });
      expect(again.status).toBe(410);
      expect(again.headers.get('set-cookie')).toBeNull();
      expect(await again.text()).toContain('This sign-in link was already used');
    });

    it('answer an expired link with a 410 page saying so', async () => {
      const link = console.signInLink('responder', 'late', { ttlSeconds: 1 });
      await wait(2_100);
      const response = await fetch(link, { redirect: 'manual' });
      expect(response.status).toBe(410);
      expect(await response.text()).toContain('This sign-in link has expired');
    });

    it('refuse a damaged link', async () => {
      const response = await fetch(`${console.signInLink('admin')}x`, { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('set-cookie')).toBeNull();
    });
  });

  describe('the session', () => {
    it('names subject, role and the CSRF token to a signed-in page, and is 401 otherwise', async () => {
      const client = await signIn(console.url, console.signInLink('auditor', 'audrey'));
      expect(client.session).toEqual({
        subject: 'audrey',
        role: 'auditor',
        csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/),
        expiresAt: expect.any(String),
      });
      expect((await fetch(`${console.url}/auth/session`)).status).toBe(401);
      expect((await fetch(`${console.url}/api/v1/incidents`)).status).toBe(401);
    });

    it('ends on sign-out, which itself needs the CSRF token', async () => {
      const client = await signIn(console.url, console.signInLink('responder', 'sam'));
      const forged = await client.call('/auth/logout', { method: 'POST', csrf: false });
      expect(forged.status).toBe(403);
      const out = await client.call('/auth/logout', { method: 'POST' });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
      expect((await client.call('/auth/session')).status).toBe(401);
    });
  });

  describe('the API', () => {
    it('refuses a write without the CSRF token (a forged POST) with 403, whatever the role', async () => {
      const client = await signIn(console.url, console.signInLink('admin', 'ada'));
      const forged = await client.call(`/api/v1/incidents/${INCIDENT_ID}/acknowledge`, { method: 'POST', csrf: false });
      expect(forged.status).toBe(403);
      expect(((await forged.json()) as { message: string }).message).toMatch(/X-CSRF-Token/);
      const wrong = await client.call(`/api/v1/incidents/${INCIDENT_ID}/acknowledge`, {
        method: 'POST',
        headers: { 'x-csrf-token': 'not-the-token' },
      });
      expect(wrong.status).toBe(403);
    });

    it('passes the role through: query lists incidents to an auditor and refuses the auditor its admin-only PUT', async () => {
      const auditor = await signIn(console.url, console.signInLink('auditor', 'audrey'));
      const list = await auditor.call('/api/v1/incidents?limit=5');
      expect(list.status).toBe(200);
      expect(await list.json()).toMatchObject({ items: expect.any(Array) });
      const put = await auditor.call('/api/v1/directory', { method: 'PUT', body: JSON.stringify({ yaml: 'x' }) });
      expect(put.status).toBe(403);
      expect(((await put.json()) as { message: string }).message).toMatch(/requires role admin/);
    });

    it('answers no CORS headers, not even to a preflight', async () => {
      const client = await signIn(console.url, console.signInLink('responder', 'rita'));
      const read = await client.call('/api/v1/incidents', { headers: { origin: 'https://evil.example' } });
      const preflight = await fetch(`${console.url}/api/v1/incidents/${INCIDENT_ID}/acknowledge`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      const corsHeaders = [...read.headers.keys(), ...preflight.headers.keys()].filter((name) =>
        name.startsWith('access-control-'),
      );
      expect(corsHeaders).toEqual([]);
    });
  });

  describe('the live list', () => {
    it('sends a new incident as an `incident` event, shaped as GET /v1/incidents items', async () => {
      const client = await signIn(console.url, console.signInLink('responder', 'rita'));
      const stream = await client.call('/api/stream/incidents', { headers: { accept: 'text/event-stream' } });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = new SseReader(stream);
      try {
        const incidentId = await openIncident(events.store, 'Checkout is down (live list)');
        const event = await reader.next((e) => e.event === 'incident' && e.data.includes(incidentId));
        const listed = (await (await client.call('/api/v1/incidents?limit=50')).json()) as {
          items: { incidentId: string }[];
        };
        expect(JSON.parse(event.data)).toEqual(listed.items.find((item) => item.incidentId === incidentId));
        expect(JSON.parse(event.data)).toMatchObject({
          incidentId,
          status: 'triggered',
          title: 'Checkout is down (live list)',
        });
      } finally {
        await reader.close();
      }
    });
  });

  describe('the pages', () => {
    it('answer 503 saying how to build them until they are built, then index.html for every page path', async () => {
      const before = await fetch(`${console.url}/incidents`);
      expect(before.status).toBe(503);
      expect(await before.text()).toContain('have not been built');
      mkdirSync(join(webDir, 'assets'));
      writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>console</title><div id="root"></div>');
      writeFileSync(join(webDir, 'assets', 'app.js'), 'console.log(1)');
      const page = await fetch(`${console.url}/incidents/${INCIDENT_ID}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const asset = await fetch(`${console.url}/assets/app.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
      expect((await fetch(`${console.url}/assets/gone.js`)).status).toBe(404);
      expect((await fetch(`${console.url}/health/ready`)).status).toBe(200);
    });
  });
});
