import pino from 'pino';

/** The slice of a pino logger the messaging code writes to; a service passes its own (platform) logger. */
export interface MessagingLogger {
  /** Optional: routine skips are logged here when the logger has a debug level (pino has). */
  debug?(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Used when a caller passes no logger: JSON lines on stdout, in the platform's shape. */
export function defaultMessagingLogger(): MessagingLogger {
  return pino({
    base: { component: 'messaging' },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
}
