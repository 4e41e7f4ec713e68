/** Progress output for the launcher: short prefixed lines, colour only on a terminal. */
const colour = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code) => (text) => (colour ? `\u001b[${code}m${text}\u001b[0m` : String(text));

export const bold = paint('1');
export const dim = paint('2');
export const red = paint('31');
export const green = paint('32');
export const yellow = paint('33');
export const cyan = paint('36');

export function step(scope, message) {
  process.stdout.write(`${cyan(`[${scope}]`)} ${message}\n`);
}

/** Like step, on stderr: for lines that must not mix into a command's own output (npm run -s token). */
export function note(scope, message) {
  process.stderr.write(`${cyan(`[${scope}]`)} ${message}\n`);
}

export function warn(scope, message) {
  process.stderr.write(`${yellow(`[${scope}]`)} ${message}\n`);
}

export function fail(scope, message) {
  process.stderr.write(`${red(`[${scope}] ${message}`)}\n`);
}

export function elapsed(startedAt) {
  return `${((Date.now() - startedAt) / 1000).toFixed(1)}s`;
}
