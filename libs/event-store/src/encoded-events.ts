import type { PreparedEvent } from './envelope';
import type { SealedEvent } from './hash-chain';

const encodings = new WeakMap<PreparedEvent, SealedEvent>();

/** Keeps the JSON texts an event was hashed from (sealEvent), for the adapter that writes it. */
export function keepEncoding<E extends PreparedEvent>(event: E, sealed: SealedEvent): E {
  encodings.set(event, sealed);
  return event;
}

/**
 * The event's data and metadata as JSON texts: the ones it was hashed from when this process prepared it, else
 * serialised now (an event prepared elsewhere, e.g. by a test). A WeakMap rather than a field: PreparedEvent
 * stays the plain value every adapter and test knows.
 */
export function encodedEvent(event: PreparedEvent): { readonly data: string; readonly metadata: string } {
  const sealed = encodings.get(event);
  if (sealed?.dataJson !== undefined) return { data: sealed.dataJson, metadata: sealed.metadataJson };
  return { data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
}
