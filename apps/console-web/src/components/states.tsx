import { Alert, Center, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { problemInWords } from '../api/problem-words';
import type { Resource } from '../api/use-resource';

export function Loading({ what }: { readonly what: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="sm" aria-hidden />
        <Text size="sm">Loading {what}…</Text>
      </Stack>
    </Center>
  );
}

export const errorInWords = (error: unknown): string =>
  error instanceof ApiError
    ? problemInWords(error.status, error.body)
    : error instanceof Error
      ? error.message
      : String(error);

export function Failed({
  what,
  error,
  retry,
}: {
  readonly what: string;
  readonly error: unknown;
  readonly retry?: () => void;
}) {
  return (
    <Alert color="red" title={`Could not load ${what}`} role="alert">
      <Text size="sm">{errorInWords(error)}</Text>
      {retry && (
        <Text size="sm" mt="xs">
          <button type="button" onClick={retry} className="link-button">
            Try again
          </button>
        </Text>
      )}
    </Alert>
  );
}

export function Empty({ children }: { readonly children: ReactNode }) {
  return (
    <Text size="sm" py="sm" fs="italic">
      {children}
    </Text>
  );
}

/** Loading, failed, or the content: the three states every section of a page has. */
export function Loaded<T>({
  resource,
  what,
  retry,
  children,
}: {
  readonly resource: Resource<T>;
  readonly what: string;
  readonly retry?: () => void;
  readonly children: (value: T) => ReactNode;
}) {
  if (resource.state === 'loading') return <Loading what={what} />;
  if (resource.state === 'failed') return <Failed what={what} error={resource.error} {...(retry && { retry })} />;
  return <>{children(resource.value)}</>;
}
