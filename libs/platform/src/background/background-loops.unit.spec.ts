import type { Logger } from 'pino';
import { BackgroundLoops, untilAborted } from './background-loops';

function loops() {
  const logged: string[] = [];
  const record = (level: string) => (details: { loop?: string }, message: string) =>
    void logged.push(`${level} ${details.loop}: ${message}`);
  const logger = { fatal: record('fatal'), warn: record('warn') } as unknown as Logger;
  return { registry: new BackgroundLoops({ shutdownTimeoutMs: 2_000 }, logger), logged };
}

describe('BackgroundLoops', () => {
  it('starts every loop on bootstrap, not before, and stops them on shutdown with half the timeout', async () => {
    const { registry, logged } = loops();
    const seen: string[] = [];
    const loop = (name: string) => ({
      name,
      run: async (signal: AbortSignal, stopWithinMs: number) => {
        seen.push(`${name} started`);
        await untilAborted(signal);
        seen.push(`${name} stopped within ${stopWithinMs} ms`);
      },
    });
    registry.register(loop('relay'));
    registry.register(loop('projections'));
    expect(seen).toEqual([]);
    registry.onApplicationBootstrap();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['relay started', 'projections started']);
    await registry.beforeApplicationShutdown();
    expect(seen.slice(2).sort()).toEqual(['projections stopped within 1000 ms', 'relay stopped within 1000 ms']);
    expect(registry.crashed()).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('logs a loop that throws, or returns unasked, as crashed and reports it', async () => {
    const { registry, logged } = loops();
    registry.register({
      name: 'consumer',
      run: async () => {
        throw new Error('broker gone');
      },
    });
    registry.register({ name: 'quitter', run: async () => undefined });
    registry.register({ name: 'steady', run: (signal) => untilAborted(signal) });
    registry.onApplicationBootstrap();
    await new Promise((resolve) => setImmediate(resolve));
    expect(registry.crashed().sort()).toEqual(['consumer', 'quitter']);
    expect(logged.sort()).toEqual([
      'fatal consumer: background loop crashed; /health/ready reports it down',
      'fatal quitter: background loop crashed; /health/ready reports it down',
    ]);
    await registry.beforeApplicationShutdown();
  });

  it('refuses two loops of one name', () => {
    const { registry } = loops();
    registry.register({ name: 'relay', run: (signal) => untilAborted(signal) });
    expect(() => registry.register({ name: 'relay', run: (signal) => untilAborted(signal) })).toThrow(
      'a background loop named relay is registered already',
    );
  });
});
