import { existsSync } from 'node:fs';
import { request } from 'node:http';

/** True when a Docker engine answers /_ping (DOCKER_HOST over unix socket, or the default socket). */
export async function isDockerEngineReachable(timeoutMs = 1500): Promise<boolean> {
  const host = process.env['DOCKER_HOST'];
  const socketPath = host?.startsWith('unix://')
    ? host.slice('unix://'.length)
    : host
      ? undefined
      : '/var/run/docker.sock';
  if (host && !socketPath) return true; // A TCP DOCKER_HOST: let Testcontainers try it and report its own error.
  if (!socketPath || !existsSync(socketPath)) return false;
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}
