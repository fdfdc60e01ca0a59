import { parseRetryAfter } from "./envelope.js";

/** How reads are retried. Writes (POST/PUT/PATCH/DELETE) are never retried. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 turns retrying off). */
  retries?: number;
  /** Backoff base without `Retry-After`: base × 2^n ms with ±20 % jitter (default 500). */
  baseDelayMs?: number;
  /** The longest wait, `Retry-After` included; a longer `Retry-After` ends the retries (default 30 000). */
  maxDelayMs?: number;
  /** Statuses that are retried (default 429, 500, 502, 503, 504). */
  statuses?: readonly number[];
  /** Injected sleep (tests). */
  sleep?: (ms: number) => Promise<void>;
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);
const DEFAULT_STATUSES = [429, 500, 502, 503, 504] as const;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The wait before retry `attempt` (0-based) of an answer, or null to stop retrying. */
export function retryDelay(response: Response, attempt: number, opts: RetryOptions = {}): number | null {
  const base = opts.baseDelayMs ?? 500;
  const max = opts.maxDelayMs ?? 30_000;
  const after = parseRetryAfter(response.headers.get("retry-after"));
  if (after !== null) {
    const ms = after * 1000;
    return ms > max ? null : ms;
  }
  const jitter = 0.8 + Math.random() * 0.4;
  return Math.min(max, Math.round(base * 2 ** attempt * jitter));
}

/**
 * A `fetch` that retries reads answered 429 or 5xx, waiting `Retry-After` when the answer has
 * one (exponential backoff otherwise), up to `retries` times. The last answer is returned as is.
 */
export function retryingFetch(
  inner: (input: Request) => Promise<Response>,
  opts: RetryOptions = {},
): (input: Request) => Promise<Response> {
  const retries = opts.retries ?? 3;
  const statuses = new Set<number>(opts.statuses ?? DEFAULT_STATUSES);
  const sleep = opts.sleep ?? realSleep;
  return async (request: Request) => {
    if (!READS.has(request.method.toUpperCase()) || retries <= 0) return inner(request);
    for (let attempt = 0; ; attempt++) {
      const response = await inner(request.clone());
      if (!statuses.has(response.status) || attempt >= retries) return response;
      const wait = retryDelay(response, attempt, opts);
      if (wait === null) return response;
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}
