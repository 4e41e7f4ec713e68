import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Everything the project starts or generates locally lives under .data/ (git-ignored). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATA_DIR = join(ROOT, '.data');
export const INFRA_ENV_FILE = join(DATA_DIR, 'infra.env');
export const SECRETS_DIR = join(DATA_DIR, 'secrets');
