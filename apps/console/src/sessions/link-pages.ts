/** The page a person sees when a sign-in link cannot sign them in; plain HTML, readable without the front end. */
export function linkRefusedPage(title: string, explanation: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem; color: #1a1b1e">
<main>
<h1>${title}</h1>
<p>${explanation}</p>
<p>Ask for a new link: <code>npm run incidentctl -- login-link --role responder --subject &lt;you&gt;</code></p>
</main>
</body>
</html>
`;
}
