import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestDatabase, describeWithInfrastructure, type TestDatabase } from '@incident/testing';
import { seriousViolations } from './test-support/accessibility';
import { launchChromium } from './test-support/chromium';
import { ConsoleStack, ROOT } from './test-support/console-stack';

/** Every page's screenshot, each run (git-ignored); README.md shows two copies kept in docs/screenshots/. */
const SCREENSHOTS = join(ROOT, 'docs/screenshots/latest');
const RESOLVED = '[data-status="resolved"], [data-status="in_review"]';
/** The projections, the relay and the services each take their turn on a loaded machine: generous waits. */
const WAIT = { timeout: 60_000 };

/**
 * The console in Debian's Chromium (issue 19): sign in by link, an alert arriving live, a responder acknowledging
 * and resolving, an auditor replaying and verifying, forged writes refused, and axe-core on the busiest pages.
 */
describeWithInfrastructure(['postgres', 'kafka'], 'console: responder and auditor in a real browser', () => {
  let database: TestDatabase;
  let stack: ConsoleStack;
  let browser: Browser;
  let responder: Page;
  let incidentId: string;
  const title = `checkout-api down ${Date.now().toString(36)}`;

  const shoot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  /** Every section of the page has loaded (no "Loading …" left), so a screenshot shows the page as read. */
  async function settled(page: Page): Promise<void> {
    const deadline = Date.now() + WAIT.timeout;
    while ((await page.getByText(/^Loading/).count()) > 0) {
      if (Date.now() > deadline) throw new Error('the page was still loading after 60 s');
      await page.waitForTimeout(200);
    }
  }

  async function signIn(
    subject: string,
    role: 'responder' | 'auditor',
  ): Promise<{ context: BrowserContext; page: Page }> {
    // bypassCSP lets the test inject axe-core; the console's own pages run under its policy otherwise.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(stack.signInLink(subject, role));
    await page.getByTestId('role').filter({ hasText: role }).waitFor(WAIT);
    return { context, page };
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    database = await createTestDatabase('console_e2e');
    stack = await ConsoleStack.start(database.url);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await database?.drop();
  });

  it('asks for a sign-in link when nobody is signed in', async () => {
    const page = await browser.newPage();
    await page.goto(stack.console.url);

    await expect(page.getByText('You are not signed in').waitFor(WAIT)).resolves.toBeUndefined();
    await page.close();
  });

  it('shows an alert sent to intake in the list without a reload', async () => {
    ({ page: responder } = await signIn('alice', 'responder'));
    await responder.getByTestId('stream-state').filter({ hasText: 'live' }).waitFor(WAIT);
    await responder.evaluate(() => Object.assign(globalThis, { notReloaded: true }));

    const key = await stack.integrationKey();
    await stack.sendAlert(key, {
      title,
      dedupKey: title,
      customer: 'acme',
      service: 'acme-api',
      category: 'availability.downtime',
      severity: 'critical',
    });
    const row = responder.getByTestId('incident-list').getByRole('row').filter({ hasText: title });
    await row.waitFor(WAIT);

    expect(await responder.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    incidentId = (await row.getAttribute('data-incident-id')) ?? '';
    expect(incidentId).toMatch(/^[0-9a-f-]{36}$/);
    await shoot(responder, 'incidents');
    expect(await seriousViolations(responder)).toEqual([]);
  });

  it('opens the incident, acknowledges and resolves it, and the timeline shows both', async () => {
    await responder.getByRole('link', { name: title }).click();
    await responder.getByRole('heading', { name: title, level: 1 }).waitFor(WAIT);

    await responder.getByRole('button', { name: 'Acknowledge' }).click();
    await responder.getByTestId('incident-status').locator('[data-status="acknowledged"]').waitFor(WAIT);
    await responder.getByText('Acknowledged by alice').waitFor(WAIT);
    await settled(responder);
    // Hers now: a second click would record nothing, so the button is taken away (with the reason as its title).
    expect(await responder.getByRole('button', { name: 'Acknowledge' }).getAttribute('title')).toBe(
      'You acknowledged it',
    );
    expect(await responder.getByRole('button', { name: 'Acknowledge' }).isDisabled()).toBe(true);
    await shoot(responder, 'incident');
    await responder.getByRole('button', { name: 'Resolve' }).click();
    const dialog = responder.getByRole('dialog', { name: 'Resolve' });
    await dialog.getByLabel('Summary').fill('Restarted the API; health checks pass.');
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    // With a review required (the default without a review policy) the review service moves it on to in_review.
    await responder.getByTestId('incident-status').locator(RESOLVED).waitFor(WAIT);

    const timeline = responder.getByTestId('timeline');
    await timeline.locator('[data-event-type="IncidentResolved"]').waitFor(WAIT);
    expect(await timeline.locator('[data-event-type="IncidentAcknowledged"]').count()).toBe(1);
    expect(await timeline.locator('[data-event-type="IncidentResolved"]').count()).toBe(1);
  });

  it('says in words why a command is refused (409)', async () => {
    await responder.getByRole('button', { name: 'Acknowledge' }).click();
    const outcome = responder.getByTestId('action-outcome');
    await outcome.filter({ hasText: 'You cannot' }).waitFor(WAIT);

    expect(await outcome.textContent()).toMatch(
      /^You cannot acknowledge it: the incident is (already resolved|in review)\.$/,
    );
    await shoot(responder, 'incident-refused');
    expect(await seriousViolations(responder)).toEqual([]);
  });

  it("publishes the review through the console's API (root cause, both sign-offs, then publication)", async () => {
    // Runs in a signed-in page: the console's session and CSRF token, as a browser would send them.
    const call = (page: Page, step: 'rootCause' | 'technical_lead' | 'project_manager' | 'publish') =>
      page.evaluate(
        async ({ id, step }) => {
          const { csrfToken } = (await fetch('/auth/session').then((r) => r.json())) as { csrfToken: string };
          const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
          const review = async () =>
            (await fetch(`/api/v1/incidents/${id}/review`).then((r) => r.json())) as {
              revision: number;
              status: string;
            };
          const deadline = Date.now() + 60_000;
          let current = await review();
          while (current.status !== 'in_review' && Date.now() < deadline) {
            await new Promise((done) => setTimeout(done, 250));
            current = await review();
          }
          const post = (path: string, body: object) =>
            fetch(`/api/v1/incidents/${id}/review/${path}`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ revision: current.revision, ...body }),
            }).then((r) => r.status);
          if (step === 'rootCause') {
            return post('root-cause', {
              whys: ['The API stopped answering', 'Its connection pool was exhausted'],
              rootCause: 'A connection leak in the checkout handler',
            });
          }
          if (step === 'publish') return post('publish', { summary: 'A leak took the API down.' });
          return post('sign-off', { role: step });
        },
        { id: incidentId, step },
      );
    // The example directory's customer-success team: alice is its technical lead, carol its project manager.
    const carol = await signIn('carol', 'responder');
    try {
      const published = {
        rootCause: await call(responder, 'rootCause'),
        lead: await call(responder, 'technical_lead'),
        manager: await call(carol.page, 'project_manager'),
        publish: await call(carol.page, 'publish'),
      };
      expect(published).toEqual({ rootCause: 200, lead: 200, manager: 200, publish: 200 });
    } finally {
      await carol.context.close();
    }
  });

  it('refuses a write without the CSRF header, even from a signed-in responder', async () => {
    const status = await responder.evaluate(
      (id) =>
        fetch(`/api/v1/incidents/${id}/escalate`, { method: 'POST', body: '{"reason":"forged"}' }).then(
          (r) => r.status,
        ),
      incidentId,
    );

    expect(status).toBe(403);
  });

  it('lets an auditor replay the history with the time slider and verify the chain, with no action buttons', async () => {
    const { page: auditor } = await signIn('ada', 'auditor');
    await auditor.goto(`${stack.console.url}/#/incidents/${incidentId}`);
    await auditor.getByRole('heading', { name: title, level: 1 }).waitFor(WAIT);
    await auditor.getByTestId('timeline').waitFor(WAIT);

    expect(await auditor.getByRole('button', { name: /Acknowledge|Resolve|Reassign|Ask for help/ }).count()).toBe(0);
    expect(await auditor.getByRole('heading', { name: 'Actions' }).count()).toBe(0);

    await auditor.getByRole('link', { name: 'Audit history' }).click();
    const moment = auditor.getByTestId('state-at-moment');
    // The last moment: resolved, in review or, once the review service saw the publication, closed.
    await moment.locator(`${RESOLVED}, [data-status="closed"]`).waitFor(WAIT);
    await auditor.getByRole('slider', { name: "Moment in the incident's history" }).focus();
    await auditor.keyboard.press('Home');
    await moment.locator('[data-status="triggered"]').waitFor(WAIT);
    expect(await moment.textContent()).toContain('IncidentOpened');

    await auditor.getByRole('button', { name: 'Verify the hash chain' }).click();
    await auditor.getByText('The chain holds').waitFor(WAIT);
    await shoot(auditor, 'audit');
    expect(await seriousViolations(auditor)).toEqual([]);

    const forged = await auditor.evaluate(async (id) => {
      const session = (await fetch('/auth/session').then((r) => r.json())) as { csrfToken: string };
      const post = (headers: Record<string, string>) =>
        fetch(`/api/v1/incidents/${id}/acknowledge`, { method: 'POST', headers }).then((r) => r.status);
      return { withoutCsrf: await post({}), asAuditor: await post({ 'x-csrf-token': session.csrfToken }) };
    }, incidentId);
    expect(forged).toEqual({ withoutCsrf: 403, asAuditor: 403 });

    await auditor.goto(`${stack.console.url}/#/reviews/${incidentId}`);
    await auditor.getByRole('heading', { name: `Post-incident review: ${title}` }).waitFor(WAIT);
    expect(await auditor.locator('article').textContent()).toContain(
      'Root cause: A connection leak in the checkout handler',
    );
    await shoot(auditor, 'review');
    expect(await seriousViolations(auditor)).toEqual([]);
    for (const [name, hash, heading] of [
      ['oncall', '#/oncall', 'On call'],
      ['metrics', '#/metrics', 'Metrics'],
    ] as const) {
      await auditor.goto(`${stack.console.url}/${hash}`);
      await auditor.getByRole('heading', { name: heading, level: 1 }).waitFor(WAIT);
      await settled(auditor);
      await shoot(auditor, name);
      expect(await auditor.getByRole('alert').count()).toBe(0);
    }
  });
});
