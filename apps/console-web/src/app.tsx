import { Alert, AppShell, Badge, Button, Code, Group, NavLink, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { fetchSession, isStaff, mayAudit, SessionContext } from './api/session';
import type { Session } from './api/types';
import { useResource } from './api/use-resource';
import { Loaded } from './components/states';
import { AuditPage } from './pages/audit/audit-page';
import { IncidentPage } from './pages/incident/incident-page';
import { IncidentsPage } from './pages/incidents/incidents-page';
import { MetricsPage } from './pages/metrics/metrics-page';
import { OnCallPage } from './pages/oncall/oncall-page';
import { ReviewsPage } from './pages/reviews/reviews-page';
import { hrefOf, type Route, useRoute } from './router';

export function App() {
  const [session] = useResource('session', () => fetchSession());
  return (
    <Loaded resource={session} what="your session">
      {(signedIn) => (signedIn ? <SignedIn session={signedIn} /> : <SignIn />)}
    </Loaded>
  );
}

function SignIn() {
  return (
    <main style={{ maxWidth: 640, margin: '4rem auto', padding: '0 1rem' }}>
      <Title order={1}>Incident console</Title>
      <Alert mt="md" color="blue" title="You are not signed in">
        <Text size="sm">
          Sign in with the link from <Code>npm start</Code> or <Code>incidentctl login-link --role responder</Code>. A
          link works once; ask for a new one when it has been used or has expired.
        </Text>
      </Alert>
    </main>
  );
}

function SignedIn({ session }: { readonly session: Session }) {
  const route = useRoute();
  const staff = isStaff(session.role);
  const links = [
    { label: 'Incidents', href: hrefOf.incidents, active: route.page === 'incidents' || route.page === 'incident' },
    ...(staff
      ? [
          { label: 'On call', href: hrefOf.oncall, active: route.page === 'oncall' },
          { label: 'Metrics', href: hrefOf.metrics, active: route.page === 'metrics' },
        ]
      : []),
    ...(mayAudit(session.role) ? [{ label: 'Audit', href: hrefOf.audit(), active: route.page === 'audit' }] : []),
    ...(staff ? [{ label: 'Reviews', href: hrefOf.reviews(), active: route.page === 'reviews' }] : []),
  ];
  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm' }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between">
            <Title order={2} size="h4">
              Incident console
            </Title>
            <Group gap="xs">
              <Text size="sm">
                Signed in as <strong>{session.subject}</strong>
              </Text>
              <Badge variant="outline" className="badge-strong" data-testid="role">
                {session.role}
              </Badge>
              <SignOut csrfToken={session.csrfToken} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" component="nav" aria-label="Pages">
          {links.map((link) => (
            <NavLink
              key={link.label}
              href={link.href}
              label={link.label}
              active={link.active}
              aria-current={link.active ? 'page' : undefined}
            />
          ))}
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          <Page route={route} session={session} />
        </AppShell.Main>
      </AppShell>
    </SessionContext.Provider>
  );
}

/** Ends the session on the server (the cookie is HttpOnly: the page cannot drop it), then shows the sign-in note. */
function SignOut({ csrfToken }: { readonly csrfToken: string }) {
  const [failed, setFailed] = useState(false);
  const signOut = async () => {
    const response = await fetch('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken } });
    if (response.ok) window.location.assign('/');
    else setFailed(true);
  };
  return (
    <Button
      size="xs"
      variant="default"
      onClick={() => void signOut()}
      title={failed ? 'Signing out failed' : undefined}
    >
      {failed ? 'Sign out (failed, retry)' : 'Sign out'}
    </Button>
  );
}

function Page({ route, session }: { readonly route: Route; readonly session: Session }) {
  switch (route.page) {
    case 'incidents':
      return <IncidentsPage />;
    case 'incident':
      return <IncidentPage id={route.id} />;
    case 'oncall':
      return <OnCallPage />;
    case 'metrics':
      return <MetricsPage />;
    case 'audit':
      return mayAudit(session.role) ? <AuditPage id={route.id} /> : <Text>The audit pages are for auditors.</Text>;
    case 'reviews':
      return <ReviewsPage id={route.id} />;
    case 'not-found':
      return <Text>No page at {route.path}.</Text>;
  }
}
