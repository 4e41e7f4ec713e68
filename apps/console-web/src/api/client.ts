/** An answer other than 2xx, with the body the platform's error filter wrote (message, currentStatus, …). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: Readonly<Record<string, unknown>>,
  ) {
    super(typeof body['message'] === 'string' ? body['message'] : `HTTP ${status}`);
  }
}

async function answer<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page, a Markdown document): keep the text.
  }
  if (!response.ok) {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : { message: text };
    throw new ApiError(response.status, fields);
  }
  return body as T;
}

/** Same origin: the session cookie goes along by itself, no token is ever kept in the page. */
export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`/api${path}`, { headers: { accept: 'application/json' }, signal: signal ?? null });
  return answer<T>(response);
}

export async function apiText(path: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch(`/api${path}`, { signal: signal ?? null });
  return answer<string>(response).then((body) => (typeof body === 'string' ? body : JSON.stringify(body)));
}

/** Every write carries the session's CSRF token: the console refuses a cross-site form post without it. */
export async function apiPost<T>(path: string, body: object, csrfToken: string): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify(body),
  });
  return answer<T>(response);
}

/**
 * A read of a route another branch of the platform may not have yet: `null` when the API answers 404 for the
 * route itself, so the page leaves that part out instead of showing an error.
 */
export async function apiGetIfServed<T>(path: string, signal?: AbortSignal): Promise<T | null> {
  try {
    return await apiGet<T>(path, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
