/**
 * The fetch the API client uses. An API answer is input like any other: it may redirect the upload
 * to another host, stream an endless body, or echo the request's Authorization header back. So:
 * redirects are refused (the SARIF and the token go to GITHUB_API_URL and nowhere else), bodies are
 * read up to a cap and then cut off, and the status and headers are kept for retry decisions.
 */

/** GitHub's answers to these calls are a few KB (a page of pull-request files, a few MB at most). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A refused response: not retried (the same request would meet the same answer). */
export class ResponseRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ResponseRefused";
  }
}

async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > max) {
    await res.body.cancel().catch(() => undefined);
    throw new ResponseRefused(`the response body (${declared} bytes) is over the ${max}-byte limit`);
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseRefused(`the response body went over the ${max}-byte limit and was cut off`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** A fetch that follows no redirect and reads at most `maxBytes` of a body. */
export function guardedFetch(maxBytes = MAX_RESPONSE_BYTES, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const res = await base(input, { ...init, redirect: "manual" });
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      await res.body?.cancel().catch(() => undefined);
      // Where it pointed is not repeated: the header is the server's text.
      throw new ResponseRefused(`the API answered HTTP ${res.status} (a redirect); redirects are not followed`);
    }
    const body = await readCapped(res, maxBytes);
    return new Response(res.status === 204 || res.status === 205 ? null : body, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}
