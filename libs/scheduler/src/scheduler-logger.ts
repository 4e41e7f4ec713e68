/** The slice of a pino logger the scheduler writes to; a service passes its own (platform) logger. */
export interface SchedulerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

function line(level: string) {
  return (details: object, message: string) => {
    const entry = { level, time: new Date().toISOString(), component: 'scheduler', ...details, msg: message };
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  };
}

/** Without a service logger: JSON lines on stderr in the platform's shape (the lib does not depend on pino). */
export const stderrSchedulerLogger: SchedulerLogger = { info: line('info'), warn: line('warn'), error: line('error') };

/** An error as one short line for a log or the `last_error` column: its name and message, never a stack. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 1_000);
}
