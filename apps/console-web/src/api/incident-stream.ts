import { useEffect, useRef, useState } from 'react';
import type { IncidentSummary } from './types';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

/**
 * Incident summaries as the projections change them, pushed by the console (server-sent events): no polling
 * loop in the page. EventSource reconnects by itself after a drop; the state says whether the list is live.
 */
export function useIncidentStream(onIncident: (incident: IncidentSummary) => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handler = useRef(onIncident);
  handler.current = onIncident;

  useEffect(() => {
    const source = new EventSource('/api/stream/incidents');
    source.onopen = () => setState('live');
    source.onerror = () => setState('reconnecting');
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
