import { useEffect, useRef, useState } from 'react';
import type { IncidentSummary } from './types';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * Incident summaries as the projections change them, pushed by the console (server-sent events): no polling
 * loop in the page. EventSource reconnects by itself after a drop; changes made meanwhile were not pushed, so
 * `onReconnect` reads the page's data again. The state says whether the page is live.
 */
export function useIncidentStream(
  onIncident: (incident: IncidentSummary) => void,
  onReconnect?: () => void,
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handler = useRef(onIncident);
  handler.current = onIncident;
  const reconnected = useRef(onReconnect);
  reconnected.current = onReconnect;

  useEffect(() => {
    const source = new EventSource('/api/stream/incidents');
    let dropped = false;
    source.onopen = () => {
      setState('live');
      if (dropped) reconnected.current?.();
      dropped = false;
    };
    source.onerror = () => {
      dropped = true;
      setState('reconnecting');
    };
    source.addEventListener('incident', (event) => {
      try {
        handler.current(JSON.parse((event as MessageEvent<string>).data) as IncidentSummary);
      } catch {
        // A malformed message changes nothing on the page; the next one or a reload catches up.
      }
    });
    return () => source.close();
  }, []);

  return state;
}
