/** The headers of an `alerts.inbound` record: its body's format, and the publisher's integration key. */
export const INBOUND_HEADERS = { format: 'format', integrationKey: 'integration-key' } as const;

/** The `format` header names one of the HTTP formats; the body is that format's DTO. */
export const INBOUND_FORMATS = ['pagerduty', 'alertmanager', 'generic', 'ticket'] as const;
export type InboundFormat = (typeof INBOUND_FORMATS)[number];

export const isInboundFormat = (value: string | undefined): value is InboundFormat =>
  (INBOUND_FORMATS as readonly (string | undefined)[]).includes(value);
