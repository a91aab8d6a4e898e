import { Agent, EnvHttpProxyAgent, interceptors, request, type Dispatcher } from "undici";

/** Statuses whose response has no body: a WHATWG Response refuses one. */
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** Whether node's own fetch would use HTTP(S)_PROXY / NO_PROXY: only with NODE_USE_ENV_PROXY=1 or --use-env-proxy. */
export function usesEnvProxy(
  env: Record<string, string | undefined> = process.env,
  execArgv = process.execArgv,
): boolean {
  const flag = "--use-env-proxy";
  return env.NODE_USE_ENV_PROXY === "1" || execArgv.includes(flag) || (env.NODE_OPTIONS ?? "").includes(flag);
}

/**
 * A `fetch` for the openai client that skips the WHATWG streams machinery of node's built-in one: the request goes
 * through undici's `request` over a keep-alive pool of `connections` per origin, the (non-streaming) reply is read
 * whole, and a Response is built around the bytes. What the client relies on is kept: its AbortSignal (its timeout
 * and a caller's abort) rejects with the signal's reason, as fetch does; a failure to connect or a dropped connection
 * rejects with `TypeError("fetch failed", { cause })`, as fetch does (so the client raises APIConnectionError);
 * statuses and headers (Retry-After, rate-limit headers) pass unchanged; redirects are followed; proxies from the
 * environment are used exactly when node's own fetch would use them. No timeout of its own: the client's applies.
 * Not for streamed replies (the body is buffered before the Response is returned).
 */
export function createBufferedFetch(options: {
  connections: number;
  env?: Record<string, string | undefined>;
}): typeof fetch {
  const settings = { connections: options.connections, headersTimeout: 0, bodyTimeout: 0 };
  const agent = usesEnvProxy(options.env) ? new EnvHttpProxyAgent(settings) : new Agent(settings);
  // fetch follows up to 20 redirects; so does this.
  const dispatcher = agent.compose(interceptors.redirect({ maxRedirections: 20 }));
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    let status: number;
    let headers: Headers;
    let body: ArrayBuffer | null;
    try {
      const reply = await request(url, {
        method: (init?.method ?? "GET") as Dispatcher.HttpMethod,
        headers: headerPairs(init?.headers),
        body: init?.body as string | Uint8Array | null | undefined,
        signal,
        dispatcher,
      });
      status = reply.statusCode;
      headers = toHeaders(reply.headers);
      body = await reply.body.arrayBuffer();
    } catch (error) {
      // An abort rejects with the signal's reason (an AbortError for the client's timeout), as fetch does.
      if (signal?.aborted) throw signal.reason;
      throw new TypeError("fetch failed", { cause: error });
    }
    return new Response(NULL_BODY_STATUS.has(status) ? null : body, { status, headers });
  };
}

function headerPairs(init: HeadersInit | undefined): string[] | undefined {
  if (!init) return undefined;
  const pairs: string[] = [];
  for (const [name, value] of init instanceof Headers ? init : new Headers(init)) pairs.push(name, value);
  return pairs;
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.append(name, value);
  }
  return headers;
}
