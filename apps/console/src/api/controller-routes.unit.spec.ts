import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { NOT_FORWARDED, routeOwner } from './route-owners';

// Reads the services' controllers, so that a route added to a service without a rule here is named by a failing
// test rather than answered 404 by the console (or sent to query) in front of a person.

const APPS = resolve(__dirname, '..', '..', '..');
const DECORATOR = /@(Controller|Get|Post|Put|Patch|Delete)\(\s*(?:'([^']*)')?/g;

function controllerFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : controllerFiles(path);
    return entry.name.endsWith('.controller.ts') ? [path] : [];
  });
}

interface DeclaredRoute {
  readonly app: string;
  readonly method: string;
  readonly path: string;
}

function declaredRoutes(): DeclaredRoute[] {
  return controllerFiles(APPS).flatMap((file) => {
    const app = relative(APPS, file).split('/')[0] ?? '';
    if (app === 'console') return [];
    let prefix = '';
    const routes: DeclaredRoute[] = [];
    for (const [, decorator, argument = ''] of readFileSync(file, 'utf8').matchAll(DECORATOR)) {
      if (decorator === 'Controller') {
        prefix = argument;
        continue;
      }
      const path = [prefix, argument]
        .filter((part) => part !== '')
        .join('/')
        .replace(/:[A-Za-z]+/g, 'x');
      routes.push({ app, method: (decorator ?? '').toUpperCase(), path });
    }
    return routes;
  });
}

describe('the services’ routes', () => {
  it('are found in the controllers', () => {
    expect(declaredRoutes().length).toBeGreaterThan(40);
  });

  it('are each forwarded to the app that declares them, or deliberately not at all', () => {
    const wrong = declaredRoutes()
      .filter((route) => !NOT_FORWARDED.some((pattern) => pattern.test(route.path)))
      .filter((route) => routeOwner(route.method, route.path) !== route.app)
      .map((route) => `${route.method} /${route.path} (in ${route.app}) → ${routeOwner(route.method, route.path)}`);
    expect(wrong).toEqual([]);
  });
});
