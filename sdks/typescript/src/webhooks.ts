// Webhook verification: both signature schemes the gateway sends on every delivery
// (crates/fansly-gateway/src/webhooks/sign.rs) and both payload styles.
import { createHmac, timingSafeEqual } from "node:crypto";

import { WebhookVerificationError } from "./errors.js";
import type { CompatEvent, GatewayEvent, PayloadStyle, WebhookEvent } from "./events.js";

export { WebhookVerificationError } from "./errors.js";
export * from "./events.js";

/** Request headers as node (`IncomingMessage.headers`), fetch (`Headers`) or a plain object give them. */
export type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** The endpoint's secret (`whsec_…`), as create / rotate-secret returned it. */
  secret: string;
  /** The raw body bytes exactly as received (not re-serialised JSON). */
  body: string | Uint8Array;
  headers: HeaderBag;
  /**
   * Which signature to check. `standard` (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
   * `webhook-signature`) also rejects stale timestamps, so it protects against replays; `hex`
   * checks `X-Fansly-Signature` / `Signature` (HMAC of the body only). `auto` (default): the
   * Standard Webhooks headers when present, else the hex one.
   */
  scheme?: "auto" | "standard" | "hex";
  /**
   * The endpoint's `payloadStyle`: `envelope` (`{event, accountId, timestamp, data}`) or
   * `event_type` (`{event_type, timestamp, data}`); `auto` (default) accepts either.
   */
  payloadStyle?: PayloadStyle | "auto";
  /** Largest accepted distance between `webhook-timestamp` and now (default 300 s). */
  toleranceSeconds?: number;
  /** Now in Unix seconds (tests). */
  now?: number;
}

const SECRET_PREFIX = "whsec_";
/** The gateway's `payloadStyle` values, and `auto`. */
const STYLES: readonly string[] = ["envelope", "event_type", "auto"];

function header(headers: HeaderBag, name: string): string | null {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const bag = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(bag).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : bag[key];
  if (v === undefined) return null;
  return Array.isArray(v) ? (v[0] ?? null) : v;
}

function bytes(body: string | Uint8Array): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Standard Webhooks key: the base64 after `whsec_` (the whole secret if it is not base64). */
function standardKey(secret: string): Buffer {
  const b64 = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(b64) && b64.length % 4 === 0) return Buffer.from(b64, "base64");
  return Buffer.from(secret, "utf8");
}

/** The hex signature (`Signature` / `X-Fansly-Signature`) of a body. */
export function hexSignature(secret: string, body: string | Uint8Array): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(bytes(body)).digest("hex");
}

/** The Standard Webhooks signature (`v1,<base64>`) of a body. */
export function standardSignature(secret: string, id: string, timestamp: number, body: string | Uint8Array): string {
  const mac = createHmac("sha256", standardKey(secret));
  mac.update(`${id}.${timestamp}.`);
  mac.update(bytes(body));
  return `v1,${mac.digest("base64")}`;
}

/** The headers the gateway sends with a body (for testing your receiver). */
export function signWebhook(
  secret: string,
  body: string | Uint8Array,
  id = "msg_test",
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const hex = hexSignature(secret, body);
  return {
    "content-type": "application/json",
    signature: hex,
    "x-fansly-signature": hex,
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": standardSignature(secret, id, timestamp, body),
  };
}

function verifyHex(opts: VerifyOptions): void {
  const got = header(opts.headers, "x-fansly-signature") ?? header(opts.headers, "signature");
  if (!got) throw new WebhookVerificationError("missing X-Fansly-Signature / Signature header");
  const want = Buffer.from(hexSignature(opts.secret, opts.body), "utf8");
  if (!equal(Buffer.from(got.trim().toLowerCase(), "utf8"), want)) {
    throw new WebhookVerificationError("signature mismatch (hex)");
  }
}

function verifyStandard(opts: VerifyOptions): void {
  const id = header(opts.headers, "webhook-id");
  const ts = header(opts.headers, "webhook-timestamp");
  const sigs = header(opts.headers, "webhook-signature");
  if (!id || !ts || !sigs) throw new WebhookVerificationError("missing webhook-id / webhook-timestamp / webhook-signature");
  if (!/^\d+$/.test(ts.trim())) throw new WebhookVerificationError("webhook-timestamp is not Unix seconds");
  const timestamp = Number(ts.trim());
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  const tolerance = opts.toleranceSeconds ?? 300;
  if (Math.abs(now - timestamp) > tolerance) throw new WebhookVerificationError("webhook-timestamp is outside the tolerance");
  const want = Buffer.from(standardSignature(opts.secret, id, timestamp, opts.body).slice(3), "base64");
  // The header may carry several space-separated signatures (e.g. during a secret rotation).
  const ok = sigs
    .split(" ")
    .filter((s) => s.startsWith("v1,"))
    .some((s) => equal(Buffer.from(s.slice(3), "base64"), want));
  if (!ok) throw new WebhookVerificationError("signature mismatch (Standard Webhooks)");
}

/**
 * Verifies a delivery and returns its typed body. Throws {@link WebhookVerificationError} when
 * the signature, the timestamp or the payload style is wrong; never act on such a body. An
 * unknown `payloadStyle` option is a `TypeError`.
 */
export function verifyWebhook(opts: VerifyOptions): WebhookEvent {
  const style = opts.payloadStyle ?? "auto";
  if (!STYLES.includes(style)) {
    throw new TypeError(`payloadStyle must be one of ${STYLES.join(", ")} (got ${JSON.stringify(style)})`);
  }
  const scheme = opts.scheme ?? "auto";
  if (scheme === "standard" || (scheme === "auto" && header(opts.headers, "webhook-signature") !== null)) {
    verifyStandard(opts);
  } else {
    verifyHex(opts);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes(opts.body).toString("utf8"));
  } catch {
    throw new WebhookVerificationError("the body is not JSON");
  }
  return checkStyle(parsed, style);
}

function checkStyle(body: unknown, style: PayloadStyle | "auto"): WebhookEvent {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new WebhookVerificationError("the body is not a JSON object");
  }
  const b = body as Record<string, unknown>;
  const isEnvelope = typeof b.event === "string" && typeof b.accountId === "string";
  const isEventType = typeof b.event_type === "string" && typeof b.data === "object" && b.data !== null;
  if ((style === "envelope" || style === "auto") && isEnvelope) return b as unknown as GatewayEvent;
  if ((style === "event_type" || style === "auto") && isEventType) return b as unknown as CompatEvent;
  throw new WebhookVerificationError(
    style === "auto" ? "the body is in neither payload style" : `the body is not in the ${style} payload style`,
  );
}
