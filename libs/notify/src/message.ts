/**
 * What the services send to people: pages, approval requests, reminders and notices. One shape for every
 * channel; each channel renders it its own way (JSON with a Slack-compatible `text`, an e-mail, a PagerDuty
 * event), so a service builds a message once and lets the recipient's contact method decide how it travels.
 */

/**
 * How a contact is reached. The directory's kinds (`email`, `webhook`, `phone`: an SMS/voice gateway reached by
 * webhook) plus `pagerduty`, whose address is an Events v2 routing (integration) key.
 */
export const CONTACT_KINDS = ['email', 'webhook', 'phone', 'pagerduty'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** One way to reach a person; structurally the directory's ContactMethod, so those can be passed as they are. */
export interface Contact {
  readonly kind: ContactKind;
  readonly address: string;
}

/** What a signed one-click link lets its holder do (see links/link-token.ts). */
export const LINK_ACTIONS = ['acknowledge', 'ask-for-help', 'approve', 'reject'] as const;
export type LinkAction = (typeof LINK_ACTIONS)[number];

export interface MessageLink {
  /** Set for signed one-click links; absent for plain links (the incident page, a runbook). */
  readonly action?: LinkAction;
  readonly label: string;
  readonly url: string;
}

export type MessageKind = 'page' | 'approval-request' | 'reminder' | 'notice';

/** The incident's severity, on the domain's scale (libs/domain SEVERITIES). */
export type MessageSeverity = 'urgent' | 'high' | 'normal' | 'low';

export interface Recipient {
  /** The directory person (or customer contact) this is for; carried into webhooks for the receiver's routing. */
  readonly id: string;
  readonly name?: string;
  /** The contact method this delivery goes to; the fallback walk replaces it contact by contact. */
  readonly contact: Contact;
}

export interface NotificationMessage {
  readonly kind: MessageKind;
  /** One line: an e-mail's Subject, a PagerDuty summary, the first (bold) line of the Slack text. */
  readonly subject: string;
  /** Plain text body, a few lines; links are listed after it by each channel. */
  readonly text: string;
  readonly links: readonly MessageLink[];
  readonly recipient: Recipient;
  readonly incidentId?: string;
  readonly severity?: MessageSeverity;
  /** Small facts a machine receiver may route on (level, team, service); shown nowhere to people. */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

/** A message before a contact is chosen: deliverWithFallback fills in `recipient.contact` per attempt. */
export type MessageForTarget = Omit<NotificationMessage, 'recipient'> & {
  readonly recipient: Omit<Recipient, 'contact'>;
};
