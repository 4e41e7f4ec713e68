/** What the console answers for its pages until the front end has been built. */
export function webUnavailablePage(webDir: string): string {
  const folder = webDir.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Console not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<main>
<h1>The console's pages have not been built</h1>
<p>No <code>index.html</code> in <code>${folder}</code>.</p>
<p>Build the front end in <code>apps/console-web</code> (its README says how; the Vite output goes to
<code>apps/console-web/dist</code>, or set <code>CONSOLE_WEB_DIR</code>), then reload this page.
The API under <code>/api</code> and sign-in under <code>/auth</code> work meanwhile.</p>
</main>
</body>
</html>
`;
}
