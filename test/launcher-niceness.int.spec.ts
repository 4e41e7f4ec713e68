import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// tools/lib/niceness.mjs is the launcher's (npm start) and bench:e2e's; it is ESM and jest runs CommonJS, so it is
// driven through a Node child here.
const ROOT = resolve(__dirname, '..');
const MODULE = join(ROOT, 'tools/lib/niceness.mjs');

function runModule(script: string, env: Record<string, string> = {}): unknown {
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', `import * as niceness from ${JSON.stringify(MODULE)};\n${script}`],
    { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' },
  );
  return JSON.parse(output);
}

/** Field 19 of /proc/<pid>/task/<tid>/stat, after the command name (which may hold spaces) in parentheses. */
function threadNiceness(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe("the launcher's process niceness (<NAME>_NICENESS)", () => {
  it('gives the relay and the lifecycle services 19 and the other apps 0 when <NAME>_NICENESS is unset or empty', () => {
    const names = ['relay', 'triage', 'escalation', 'remediation', 'review', 'intake', 'query', 'console'];
    const script = `console.log(JSON.stringify(${JSON.stringify(names)}.map((name) => niceness.nicenessOf(name))));`;
    expect(runModule(script)).toEqual([19, 19, 19, 19, 19, 0, 0, 0]);
    expect(runModule(script, { TRIAGE_NICENESS: '', QUERY_NICENESS: ' ' })).toEqual([19, 19, 19, 19, 19, 0, 0, 0]);
  });

  it('reads <NAME>_NICENESS for each service when it is set, 0 included', () => {
    const script = `console.log(JSON.stringify(['triage', 'escalation', 'intake'].map((name) => niceness.nicenessOf(name))));`;
    expect(runModule(script, { TRIAGE_NICENESS: '10', ESCALATION_NICENESS: '0', INTAKE_NICENESS: ' 19 ' })).toEqual([
      10, 0, 19,
    ]);
  });

  it.each(['-5', '20', 'low', '1.5'])('refuses <NAME>_NICENESS=%s, naming the variable', (value) => {
    const script = `try { niceness.nicenessOf('review'); console.log('null'); } catch (error) { console.log(JSON.stringify(error.message)); }`;
    expect(runModule(script, { REVIEW_NICENESS: value })).toBe(
      `REVIEW_NICENESS must be a whole number from 0 (first) to 19 (last), got "${value}"`,
    );
  });

  it('sets it on every thread of a just-started Node process, and leaves a process at 0 alone', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      const pid = child.pid!;
      expect(runModule(`console.log(JSON.stringify(niceness.applyNiceness(${pid}, 0) ?? null));`)).toBeNull();
      expect(threadNiceness(pid).every((value) => value === 0)).toBe(true);
      expect(runModule(`console.log(JSON.stringify(niceness.applyNiceness(${pid}, 10) ?? null));`)).toBeNull();
      // Threads Node starts later inherit the main thread's; give it a moment to start its worker threads.
      await new Promise((resolveWait) => setTimeout(resolveWait, 300));
      const values = threadNiceness(pid);
      expect(values.length).toBeGreaterThan(1);
      expect(new Set(values)).toEqual(new Set([10]));
    } finally {
      child.kill('SIGKILL');
    }
  });
});
