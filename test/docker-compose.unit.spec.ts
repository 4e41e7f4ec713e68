import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { SERVICE_NAMES, allVariableNames, portVariable, serviceDescriptor, type ServiceName } from '@incident/platform';

// No Docker engine runs on the development machines here, so docker/ is held to the code by reading it.

type Build = string | { context?: string; dockerfile?: string; args?: Record<string, unknown> | string[] };

interface ComposeService {
  image?: string;
  build?: Build;
  environment?: Record<string, unknown> | string[];
  ports?: unknown[];
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: unknown[];
  cpu_shares?: number;
}

const ROOT = resolve(__dirname, '..');
const DOCKER_DIR = join(ROOT, 'docker');
const DOCKERFILE = join(DOCKER_DIR, 'Dockerfile');
const NODE_MAJOR = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();

// Compose resolves YAML merge keys (`<<: *app`), so the test must too: it checks what each service really gets.
const compose = parse(readFileSync(join(DOCKER_DIR, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;

/** KEY=VALUE lists and maps both occur in compose files; a bare KEY passes the caller's value through. */
function keyValues(entries: Record<string, unknown> | string[] | undefined): Record<string, string> {
  if (Array.isArray(entries)) {
    return Object.fromEntries(entries.map((entry) => [entry.split('=')[0], entry.split('=').slice(1).join('=')]));
  }
  return Object.fromEntries(
    Object.entries(entries ?? {}).map(([key, value]) => [key, value == null ? '' : String(value)]),
  );
}

function dockerfileOf(service: ComposeService): string | undefined {
  if (service.build === undefined) return undefined;
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  return resolve(DOCKER_DIR, build.context ?? '.', build.dockerfile ?? 'Dockerfile');
}

function appArgOf(service: ComposeService): string | undefined {
  return typeof service.build === 'object' ? keyValues(service.build.args)['APP'] : undefined;
}

/** Apps that start an HTTP service; an app whose main.ts does not (the incidentctl CLI) is a tool, not a service. */
function serviceApps(): string[] {
  const fromFolders = readdirSync(join(ROOT, 'apps')).filter((name) => {
    const main = join(ROOT, 'apps', name, 'src', 'main.ts');
    return existsSync(main) && readFileSync(main, 'utf8').includes('bootstrapService(');
  });
  return [...new Set([...fromFolders, ...SERVICE_NAMES])].sort();
}

const appServices = Object.entries(services).filter(([, service]) => dockerfileOf(service) === DOCKERFILE);

describe('docker/compose.yaml', () => {
  it('runs every service app, built from docker/Dockerfile with APP set to its name', () => {
    const expected = serviceApps();
    const problems = expected.flatMap((name) => {
      const service = services[name];
      if (!service) return [`${name}: no compose service`];
      if (dockerfileOf(service) !== DOCKERFILE) return [`${name}: not built from docker/Dockerfile`];
      return appArgOf(service) === name ? [] : [`${name}: build arg APP=${appArgOf(service)}`];
    });
    const unknown = appServices.filter(([, service]) => !expected.includes(appArgOf(service) ?? ''));
    expect(problems).toEqual([]);
    expect(unknown.map(([name, service]) => `${name}: APP=${appArgOf(service)}`)).toEqual([]);
  });

  it('sets only variables the platform reads on the app services', () => {
    const known = new Set(allVariableNames());
    const unknown = appServices.flatMap(([name, service]) =>
      Object.keys(keyValues(service.environment))
        .filter((variable) => !known.has(variable))
        .map((variable) => `${name}: ${variable}`),
    );
    expect(unknown).toEqual([]);
  });

  it('gives every app service its database, brokers, token secret, in-container host and own published port', () => {
    const problems = appServices.flatMap(([name, service]) => {
      const env = keyValues(service.environment);
      const app = appArgOf(service) as ServiceName;
      // An APP that names no service is reported by the first test; here it has no port to compare with.
      if (!(SERVICE_NAMES as readonly string[]).includes(app)) return [];
      const own = portVariable(app);
      const port = String(serviceDescriptor(app).port);
      const found: string[] = [];
      for (const variable of ['DATABASE_URL', 'KAFKA_BROKERS', 'AUTH_JWT_SECRET']) {
        if (!env[variable]) found.push(`${name}: ${variable} not set`);
      }
      if (env['HTTP_HOST'] !== '0.0.0.0') found.push(`${name}: HTTP_HOST=${env['HTTP_HOST']}, not 0.0.0.0`);
      if (env[own] !== port) found.push(`${name}: ${own}=${env[own]}, services.json says ${port}`);
      const others = SERVICE_NAMES.map(portVariable).filter((variable) => variable !== own && variable in env);
      if (others.length > 0) found.push(`${name}: sets other services' ports ${others.join(', ')}`);
      if (!(service.ports ?? []).map(String).includes(`${port}:${port}`)) found.push(`${name}: ${port} not published`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('takes secrets from the environment of `docker compose`, never from the file', () => {
    const requiredFromEnvironment = (name: string) => new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`);
    const problems = appServices.flatMap(([name, service]) => {
      const env = keyValues(service.environment);
      return [
        requiredFromEnvironment('AUTH_JWT_SECRET').test(env['AUTH_JWT_SECRET'] ?? '')
          ? []
          : [`${name}: AUTH_JWT_SECRET`],
        (env['DATABASE_URL'] ?? '').includes('${POSTGRES_PASSWORD:?') ? [] : [`${name}: DATABASE_URL password`],
      ].flat();
    });
    const postgresPassword = keyValues(services['postgres']?.environment)['POSTGRES_PASSWORD'] ?? '';
    if (!requiredFromEnvironment('POSTGRES_PASSWORD').test(postgresPassword))
      problems.push('postgres: POSTGRES_PASSWORD');
    expect(problems).toEqual([]);
  });

  it('gives the apps `npm start` runs at a niceness above 0 fewer CPU shares than the others', () => {
    // tools/lib/niceness.mjs is ESM, and jest runs CommonJS: its defaults are read through a Node child.
    const script = `import { DEFAULT_NICENESS } from ${JSON.stringify(join(ROOT, 'tools/lib/niceness.mjs'))};
      console.log(JSON.stringify(Object.keys(DEFAULT_NICENESS).filter((name) => DEFAULT_NICENESS[name] > 0)));`;
    const yielding = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    ) as string[];
    expect(yielding.length).toBeGreaterThan(0);
    const shares = Object.fromEntries(appServices.map(([name, service]) => [name, service.cpu_shares ?? 1024]));
    const problems = Object.entries(shares).flatMap(([name, value]) => {
      if (yielding.includes(name)) return value < 1024 ? [] : [`${name}: ${value} CPU shares, yet it yields`];
      return value === 1024 ? [] : [`${name}: ${value} CPU shares, yet it does not yield`];
    });
    expect(problems).toEqual([]);
  });

  it('checks each app on /health/ready and starts it once its dependencies are healthy', () => {
    const problems = appServices.flatMap(([name, service]) => {
      const found: string[] = [];
      if (![service.healthcheck?.test ?? []].flat().join(' ').includes('/health/ready')) {
        found.push(`${name}: healthcheck does not ask /health/ready`);
      }
      // The list form of depends_on only waits for the dependency to start.
      const dependsOn: Record<string, { condition?: string }> = Array.isArray(service.depends_on)
        ? Object.fromEntries(service.depends_on.map((dependency) => [dependency, { condition: 'service_started' }]))
        : (service.depends_on ?? {});
      for (const dependency of ['postgres', 'kafka']) {
        if (dependsOn[dependency]?.condition !== 'service_healthy')
          found.push(`${name}: not waiting for ${dependency}`);
      }
      for (const [dependency, { condition }] of Object.entries(dependsOn)) {
        if (!services[dependency]) found.push(`${name}: depends on unknown service ${dependency}`);
        else if (condition === 'service_healthy' && !services[dependency].healthcheck) {
          found.push(`${name}: waits for ${dependency} to be healthy, which has no healthcheck`);
        }
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  // `docker compose down` (without -v) keeps named volumes only. Kafka's log matters as much as the databases: the
  // relay's checkpoint lives in PostgreSQL, so topics lost on their own would never be published again.
  it('keeps the data of Kafka, KurrentDB and PostgreSQL on named volumes', () => {
    const dataDirs: Record<string, string | undefined> = {
      kafka: keyValues(services['kafka']?.environment)['KAFKA_LOG_DIRS'],
      kurrentdb: '/var/lib/kurrentdb',
      postgres: '/var/lib/postgresql/data',
    };
    const problems = Object.entries(dataDirs).flatMap(([name, dir]) => {
      if (!dir) return [`${name}: no data folder set`];
      const mounts = (services[name]?.volumes ?? []).map(String).filter((mount) => mount.split(':')[1] === dir);
      const named = mounts.filter((mount) => Object.keys(compose.volumes ?? {}).includes(mount.split(':')[0] ?? ''));
      return named.length === 1 ? [] : [`${name}: ${dir} not on a named volume (${mounts.join(', ') || 'no mount'})`];
    });
    expect(problems).toEqual([]);
  });

  it('runs the infrastructure on the official images', () => {
    expect({
      kafka: services['kafka']?.image,
      kurrentdb: services['kurrentdb']?.image,
      postgres: services['postgres']?.image,
    }).toEqual({ kafka: 'apache/kafka:3.9.1', kurrentdb: 'kurrentplatform/kurrentdb:25.0', postgres: 'postgres:17' });
    const kafka = keyValues(services['kafka']?.environment);
    expect({
      roles: kafka['KAFKA_PROCESS_ROLES'],
      advertised: kafka['KAFKA_ADVERTISED_LISTENERS'],
      voters: kafka['KAFKA_CONTROLLER_QUORUM_VOTERS'],
      autoCreateTopics: kafka['KAFKA_AUTO_CREATE_TOPICS_ENABLE'],
    }).toEqual({
      roles: 'broker,controller',
      advertised: 'PLAINTEXT://kafka:9092',
      voters: '1@kafka:9093',
      autoCreateTopics: 'false',
    });
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = existsSync(DOCKERFILE) ? readFileSync(DOCKERFILE, 'utf8') : '';

  it('builds every app with npm ci and tsc, and runs the one named by APP as the node user', () => {
    const lines = dockerfile.split('\n').map((line) => line.trim());
    const checks: Record<string, boolean> = {
      exists: dockerfile !== '',
      [`is based on node:${NODE_MAJOR}-bookworm-slim (.nvmrc)`]: dockerfile.includes(
        `node:${NODE_MAJOR}-bookworm-slim`,
      ),
      'installs with npm ci': /\bnpm ci\b/.test(dockerfile),
      'builds with tsc -b tsconfig.build.json': dockerfile.includes('tsc -b tsconfig.build.json'),
      'prunes dev dependencies': dockerfile.includes('--omit=dev'),
      'takes ARG APP': lines.includes('ARG APP'),
      'runs apps/$APP/dist/main.js': /^CMD .*apps\/\$\{?APP\}?\/dist\/main\.js/m.test(dockerfile),
      'runs as node': lines.filter((line) => line.startsWith('USER ')).at(-1) === 'USER node',
    };
    const failing = Object.entries(checks)
      .filter(([, passed]) => !passed)
      .map(([check]) => check);
    expect(failing).toEqual([]);
  });

  it('keeps local builds and dependencies out of the build context', () => {
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    const missing = ['**/node_modules', '**/dist', '.data', '.nx', '**/coverage', '.git'].filter(
      (pattern) => !ignored.includes(pattern),
    );
    expect(missing).toEqual([]);
  });
});
