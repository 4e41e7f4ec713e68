import { chromiumArgs, ensureChromium } from '@incident/testing';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (installed by ensureChromium when missing and root), headless, never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs() });
}
