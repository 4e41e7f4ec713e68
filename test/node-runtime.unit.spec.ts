import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The Node version is written in five places; the launcher fetches the one in tools/node-runtime.json.
const ROOT = resolve(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const pinned = JSON.parse(read('tools/node-runtime.json')) as {
  version: string;
  packages: Record<string, { name: string; integrity: string }>;
};
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;

function atLeast(version: string, minimum: string): boolean {
  const [a, b] = [version, minimum].map((v) => v.split('.').map(Number));
  const index = a!.findIndex((part, i) => part !== b![i]);
  return index === -1 || a![index]! > b![index]!;
}

describe('the pinned Node.js runtime', () => {
  it('is the version .node-version names, on the major line of .nvmrc', () => {
    expect(read('.node-version').trim()).toBe(pinned.version);
    expect(read('.nvmrc').trim()).toBe(pinned.version.split('.')[0]);
  });

  it('satisfies package.json engines.node, which the launcher reads in the form >=x.y.z', () => {
    expect(engines).toMatch(/^>=\d+\.\d+\.\d+$/);
    expect(atLeast(pinned.version, engines.slice(2))).toBe(true);
  });

  it('names, for each platform, the npm registry package node-<platform>-<arch> with a sha512 integrity', () => {
    const malformed = Object.entries(pinned.packages).filter(
      ([platform, pkg]) => pkg.name !== `node-${platform}` || !/^sha512-[A-Za-z0-9+/]{86}==$/.test(pkg.integrity),
    );
    expect(Object.keys(pinned.packages)).toContain('linux-x64');
    expect(malformed).toEqual([]);
  });
});
