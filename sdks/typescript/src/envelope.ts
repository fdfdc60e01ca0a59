import { GatewayError } from "./errors.js";

/**
 * What a route's `data` is once unwrapped: `data.data.response` for proxied routes (Fansly's
 * reply nested as `{status_code, data: {success, response}}`), the flat `data` elsewhere.
 */
export type Unwrap<Body> = Body extends { data?: infer D }
  ? NonNullable<D> extends { data: infer Inner }
    ? NonNullable<Inner> extends { response?: infer R }
      ? R
      : NonNullable<D>
    : NonNullable<D>
  : unknown;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True when an envelope's `data` is a proxied Fansly reply. */
export function isProxied(data: unknown): data is { status_code: number; data: { response: unknown } } {
  return isObject(data) && typeof data.status_code === "number" && isObject(data.data) && "response" in data.data;
}

/** The payload of a success envelope (see {@link Unwrap}). */
export function unwrap<Body>(envelope: Body): Unwrap<Body> {
  const data = isObject(envelope) ? envelope.data : undefined;
  return (isProxied(data) ? data.data.response : data) as Unwrap<Body>;
}

/** The next cursor of a page envelope (`data.nextCursor`, else `data.data.nextCursor`), or null. */
export function nextCursor(envelope: unknown): string | null {
  if (!isObject(envelope) || !isObject(envelope.data)) return null;
  const data = envelope.data;
  const raw = data.nextCursor ?? (isObject(data.data) ? data.data.nextCursor : undefined);
  if (raw === undefined || raw === null || raw === "") return null;
  return String(raw);
}

/** Seconds from a `Retry-After` value (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The {@link GatewayError} of a non-2xx answer whose body is `body` (parsed JSON or text). */
export function errorFrom(response: Response, body: unknown): GatewayError {
  const env = isObject(body) ? body : {};
  const message =
    typeof env.message === "string"
      ? env.message
      : `HTTP ${response.status}${typeof body === "string" && body ? `: ${body.slice(0, 200)}` : ""}`;
  return new GatewayError({
    statusCode: typeof env.statusCode === "number" ? env.statusCode : response.status,
    message,
    error: typeof env.error === "string" ? env.error : response.statusText || null,
    requestId: response.headers.get("x-request-id"),
    retryAfter: parseRetryAfter(response.headers.get("retry-after")),
    body,
  });
}
