import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console.config';
import { webUnavailablePage } from './web-unavailable.page';

/** Paths the console's own handlers answer; everything else a browser GETs is the front end's. */
const NOT_PAGES = /^\/(api|auth|health|metrics|docs)(\/|$)/;

/**
 * The pages: Mantine sets inline styles, so style-src allows them; scripts, data and frames stay same-origin.
 */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * Serves the built front end (CONSOLE_WEB_DIR, by default apps/console-web/dist): its files as they are, and
 * index.html for any other page path, so the front end's own routes survive a reload. Looked for on every
 * request, so building the front end while the console runs needs no restart; until then, a 503 page says how.
 */
@Injectable()
export class WebFilesMiddleware implements NestMiddleware {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  use(req: Request, res: Response, next: NextFunction): void {
    // Nest mounts middleware on a path, which req.path is relative to; the original URL is the whole path.
    const path = decodeURIComponent(new URL(req.originalUrl, 'http://console.invalid').pathname);
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_PAGES.test(path)) {
      next();
      return;
    }
    const index = join(this.config.webDir, 'index.html');
    res.set(PAGE_HEADERS);
    if (!existsSync(index)) {
      res.status(503).set('Cache-Control', 'no-store').type('html').send(webUnavailablePage(this.config.webDir));
      return;
    }
    if (!/\.[a-z0-9]+$/i.test(path)) {
      res.set('Cache-Control', 'no-cache').sendFile(index);
      return;
    }
    // sendFile's root keeps the path inside the folder (no "..", no dotfiles). Vite fingerprints its assets, so
    // they may be cached; a missing file (an old asset name) is a 404, never the page: a script must not get HTML.
    res.sendFile(path, { root: this.config.webDir, dotfiles: 'deny', maxAge: '1h' }, (error) => {
      if (error && !res.headersSent) res.status(404).type('text').send(`no file ${path}`);
    });
  }
}
