// Unit tests of the hand-written layer that need no gateway: webhook verification of both
// schemes and both payload styles (the `event_type` style signed here, as the gateway signs),
// the envelope helpers and the retry policy.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  GatewayError,
  WebhookVerificationError,
  hexSignature,
  nextCursor,
  parseRetryAfter,
  retryingFetch,
  signWebhook,
  standardSignature,
  unwrap,
  verifyWebhook,
} from "../dist/index.js";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

test("Standard Webhooks reference vector (the one sign.rs tests)", () => {
  assert.equal(
    standardSignature(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}'),
    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  );
});

test("hex signature: HMAC-SHA256 of the body keyed by the whole secret string", () => {
  // RFC 4231 case 2 with the key as a string.
  assert.equal(
    hexSignature("Jefe", "what do ya want for nothing?"),
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
});

// The bodies exactly as crates/fansly-gateway/src/webhooks/style.rs builds them (one per
// event_type, with the test route's), including the nulls of a failed fan lookup.
const TS = "2026-12-01T10:00:00.000Z";
const fan = { id: "2", username: "fan", display_name: "Fan", avatar: "https://x/a.jpg" };
const unknownFan = { id: "3", username: null, display_name: null, avatar: null };
const compatBodies = [
  {
    event_type: "new_message",
    timestamp: TS,
    data: { account_id: "fansly_abc", sender: fan, message: { id: "1", text: "hi", created_at: TS } },
  },
  {
    event_type: "new_tip",
    timestamp: TS,
    data: { account_id: "fansly_abc", sender: unknownFan, tip: { id: "7", amount: 5, message: null, created_at: TS } },
  },
  {
    event_type: "new_subscription",
    timestamp: TS,
    data: { account_id: "fansly_abc", subscriber: { ...fan, tier: "VIP", amount: 24.99 } },
  },
  {
    event_type: "subscription_renewed",
    timestamp: TS,
    data: { account_id: "fansly_abc", subscriber: { ...fan, tier: "VIP", amount: 24.99, total_spent: 49.98 } },
  },
  {
    event_type: "subscription_expired",
    timestamp: TS,
    data: { account_id: "fansly_abc", subscriber: { ...unknownFan, tier: null, amount: null } },
  },
  { event_type: "new_follower", timestamp: TS, data: { account_id: "fansly_abc", follower: fan } },
  { event_type: "test", timestamp: TS, data: { account_id: "fansly_abc", test: { message: "Test event from fansly-gateway" } } },
];

test("event_type payloads verify with both schemes and keep their type", () => {
  for (const body of compatBodies) {
    const raw = JSON.stringify(body);
    const headers = signWebhook(SECRET, raw, "dlv_1");
    for (const scheme of ["auto", "hex", "standard"]) {
      const event = verifyWebhook({ secret: SECRET, body: raw, headers, scheme, payloadStyle: "event_type" });
      assert.equal(event.event_type, body.event_type);
      assert.equal(event.data.account_id, "fansly_abc");
    }
    // Only X-Fansly-Signature, as the compat client sends it to itself.
    const only = { "X-Fansly-Signature": headers["x-fansly-signature"] };
    assert.deepEqual(verifyWebhook({ secret: SECRET, body: Buffer.from(raw), headers: only }), body);
    assert.throws(() => verifyWebhook({ secret: SECRET, body: raw, headers, payloadStyle: "envelope" }), /not in the envelope payload style/);
  }
});

test("payloadStyle takes the gateway's names (envelope, event_type) or auto", () => {
  const raw = JSON.stringify({ event: "webhook.test", accountId: "", timestamp: TS, data: { endpointId: "wh_1", message: "m" } });
  const headers = signWebhook(SECRET, raw, "dlv_4");
  assert.equal(verifyWebhook({ secret: SECRET, body: raw, headers, payloadStyle: "envelope" }).event, "webhook.test");
  assert.equal(verifyWebhook({ secret: SECRET, body: raw, headers, payloadStyle: "auto" }).event, "webhook.test");
  assert.throws(() => verifyWebhook({ secret: SECRET, body: raw, headers, payloadStyle: "event_type" }), /not in the event_type payload style/);
  // Not a style the gateway has: refused before anything is verified.
  assert.throws(() => verifyWebhook({ secret: SECRET, body: raw, headers, payloadStyle: "default" }), TypeError);
});

test("envelope payloads verify; fetch Headers work too", () => {
  const raw = JSON.stringify({ event: "tips.received", accountId: "fansly_abc", timestamp: "2026-12-01T10:00:00.000Z", data: { id: "9", amount: 5000 } });
  const headers = new Headers(signWebhook(SECRET, raw, "dlv_2"));
  const event = verifyWebhook({ secret: SECRET, body: raw, headers });
  assert.equal(event.event, "tips.received");
  assert.equal(event.data.amount, 5000);
});

test("wrong signatures, stale timestamps and missing headers are refused", () => {
  const raw = JSON.stringify({ event: "webhook.test", accountId: "", timestamp: "t", data: {} });
  const now = 1_800_000_000;
  const headers = signWebhook(SECRET, raw, "dlv_3", now);
  assert.ok(verifyWebhook({ secret: SECRET, body: raw, headers, now }));
  assert.throws(() => verifyWebhook({ secret: SECRET, body: raw, headers, now: now + 301 }), /tolerance/);
  assert.throws(() => verifyWebhook({ secret: SECRET, body: raw + " ", headers, now }), WebhookVerificationError);
  assert.throws(() => verifyWebhook({ secret: SECRET, body: raw + " ", headers, now, scheme: "hex" }), WebhookVerificationError);
  assert.throws(() => verifyWebhook({ secret: SECRET, body: raw, headers: {}, now }), /missing/);
  assert.throws(() => verifyWebhook({ secret: SECRET, body: raw, headers: { "x-fansly-signature": headers.signature }, scheme: "standard", now }), /missing/);
  // One good signature among several (a rotation) passes.
  const several = { ...headers, "webhook-signature": `v1,AAAA ${headers["webhook-signature"]}` };
  assert.ok(verifyWebhook({ secret: SECRET, body: raw, headers: several, now }));
  // Valid signature, but not an event of either style.
  const other = JSON.stringify({ hello: 1 });
  assert.throws(() => verifyWebhook({ secret: SECRET, body: other, headers: signWebhook(SECRET, other, "d", now), now }), /neither/);
});

test("unwrap: proxied routes give data.data.response, flat routes data", () => {
  assert.deepEqual(unwrap({ statusCode: 200, data: { status_code: 200, data: { success: true, response: [1, 2] } } }), [1, 2]);
  assert.deepEqual(unwrap({ statusCode: 200, data: { success: true, count: 0, accounts: [] } }), { success: true, count: 0, accounts: [] });
  assert.equal(nextCursor({ data: { nextCursor: "25", data: { nextCursor: "25" } } }), "25");
  assert.equal(nextCursor({ data: { data: { nextCursor: 7 } } }), "7");
  assert.equal(nextCursor({ data: { nextCursor: null } }), null);
});

test("Retry-After: seconds or an HTTP date", () => {
  assert.equal(parseRetryAfter("3"), 3);
  assert.equal(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString()), 10);
  assert.equal(parseRetryAfter("soon"), null);
  assert.equal(parseRetryAfter(null), null);
});

function fakeServer(statuses, headers = {}) {
  const seen = [];
  const fetch = async (req) => {
    seen.push(req.method);
    const status = statuses.shift() ?? 200;
    return new Response(JSON.stringify({ statusCode: status, message: "m", data: null }), { status, headers: status === 200 ? {} : headers });
  };
  return { fetch, seen };
}

test("retryingFetch: reads retried with Retry-After, writes never, a long Retry-After ends it", async () => {
  const waits = [];
  const sleep = async (ms) => void waits.push(ms);

  let s = fakeServer([429, 502, 200], { "retry-after": "2" });
  let res = await retryingFetch(s.fetch, { sleep })(new Request("http://h/x"));
  assert.equal(res.status, 200);
  assert.deepEqual(waits, [2000, 2000]);
  assert.equal(s.seen.length, 3);

  s = fakeServer([503, 503]);
  res = await retryingFetch(s.fetch, { sleep, retries: 1 })(new Request("http://h/x"));
  assert.equal(res.status, 503);
  assert.equal(s.seen.length, 2);

  s = fakeServer([502]);
  res = await retryingFetch(s.fetch, { sleep })(new Request("http://h/x", { method: "POST", body: "{}" }));
  assert.equal(res.status, 502);
  assert.equal(s.seen.length, 1);

  waits.length = 0;
  s = fakeServer([429], { "retry-after": "3600" });
  res = await retryingFetch(s.fetch, { sleep, maxDelayMs: 30_000 })(new Request("http://h/x"));
  assert.equal(res.status, 429);
  assert.deepEqual(waits, []);

  s = fakeServer([404]);
  res = await retryingFetch(s.fetch, { sleep })(new Request("http://h/x"));
  assert.equal(res.status, 404);
  assert.equal(s.seen.length, 1);
});

test("GatewayError keeps the envelope's fields", () => {
  const e = new GatewayError({ statusCode: 403, message: "no", error: "Forbidden", requestId: "r1" });
  assert.ok(e instanceof Error);
  assert.equal(e.statusCode, 403);
  assert.equal(e.requestId, "r1");
});
