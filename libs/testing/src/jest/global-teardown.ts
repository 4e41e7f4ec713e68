import { teardown } from './global-setup';

/** Stops containers or local processes that globalSetup started itself; reused ones keep running. */
export default async function globalTeardown(): Promise<void> {
  await teardown.stop?.();
}
