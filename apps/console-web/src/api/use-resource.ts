import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: unknown }
  | { readonly state: 'ready'; readonly value: T };

/**
 * Loads `load` whenever `key` changes (showing "loading" meanwhile), and again on `reload()` or when `refresh`
 * changes. A reload keeps showing the last value while it runs, so a live page does not flash a loader on every
 * change it is told about.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  refresh: string | number = 0,
): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    setResource({ state: 'loading' });
  }, [key]);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (value) => controller.signal.aborted || setResource({ state: 'ready', value }),
      (error: unknown) => controller.signal.aborted || setResource({ state: 'failed', error }),
    );
    return () => controller.abort();
    // `load` is a fresh closure every render: `key` says what it loads.
  }, [key, generation, refresh]);

  return [resource, reload];
}
