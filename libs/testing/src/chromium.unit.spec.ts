import { type ChromiumHost, DEBIAN_CHROMIUM, chromiumArgs, ensureChromium } from './chromium';

function host(options: { present: boolean; root: boolean; installs: 'at-once' | 'after-update' | 'never' }) {
  let installed = options.present;
  const commands: string[] = [];
  let updated = false;
  const fake: ChromiumHost = {
    exists: (path) => path === DEBIAN_CHROMIUM && installed,
    isRoot: () => options.root,
    run: (command, args) => {
      commands.push([command, ...args].join(' '));
      if (args[0] === 'update') {
        updated = true;
        return { status: 0, output: '' };
      }
      const works = options.installs === 'at-once' || (options.installs === 'after-update' && updated);
      installed ||= works;
      return { status: works ? 0 : 100, output: works ? '' : 'E: Unable to locate package chromium' };
    },
  };
  return { fake, commands };
}

describe('ensureChromium', () => {
  it('gives the Debian path when Chromium is there, running nothing', () => {
    const { fake, commands } = host({ present: true, root: false, installs: 'never' });
    expect(ensureChromium(fake)).toBe('/usr/bin/chromium');
    expect(commands).toEqual([]);
  });

  it('installs it as root, updating the package lists when the first try fails', () => {
    const { fake, commands } = host({ present: false, root: true, installs: 'after-update' });
    expect(ensureChromium(fake)).toBe('/usr/bin/chromium');
    expect(commands).toEqual(['apt-get install -y chromium', 'apt-get update', 'apt-get install -y chromium']);
  });

  it('says how to install it when not root, instead of skipping', () => {
    const { fake } = host({ present: false, root: false, installs: 'never' });
    expect(() => ensureChromium(fake)).toThrow(/sudo apt-get install -y chromium/);
  });

  it('says why when installing fails', () => {
    const { fake } = host({ present: false, root: true, installs: 'never' });
    expect(() => ensureChromium(fake)).toThrow(/Unable to locate package chromium/);
  });

  it('runs without the sandbox only as root', () => {
    expect(chromiumArgs(true)).toEqual(['--no-sandbox']);
    expect(chromiumArgs(false)).toEqual([]);
  });
});
