// The SDK against a real gateway + simulator (the `large` world), started by harness.mjs.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";

import { FanslyGateway, GatewayError, WebhookVerificationError, cursorRoutes, verifyWebhook } from "../dist/index.js";
import { startStack } from "./harness.mjs";

let stack;
let gw;
let accountId;
let chats; // every chat of the world, walked once

before(async () => {
  stack = await startStack({ world: "large" });
  gw = new FanslyGateway({ baseUrl: `${stack.root}/api/fansly`, apiKey: stack.apiKey });
  const connected = await gw.connect({
    username: stack.world.username,
    password: stack.world.password,
    name: "SDK tests",
    countryCode: "US",
  });
  accountId = connected.account_id;
  assert.match(accountId, /^fansly_/);
});

after(async () => {
  await stack?.stop();
});

describe("envelope and errors", () => {
  test("flat routes give data, proxied routes data.data.response", async () => {
    const accounts = await gw.listAccounts();
    assert.ok(accounts.accounts.some((a) => a.accountId === accountId));
    const me = await gw.call(gw.api.GET("/api/fansly/{account_id}/me", { params: { path: { account_id: accountId } } }));
    assert.equal(me.account.username, stack.world.username);
  });

  test("errors carry statusCode, message and the request id", async () => {
    const err = await gw
      .call(gw.api.GET("/api/fansly/{account_id}/me", { params: { path: { account_id: "fansly_000000000000000000000000" } } }))
      .then(() => null, (e) => e);
    assert.ok(err instanceof GatewayError, String(err));
    assert.equal(err.statusCode, 404);
    assert.match(err.message, /not found/i);
    assert.equal(err.error, "Not Found");
    assert.match(err.requestId ?? "", /.{8,}/);

    const bad = await gw
      .call(gw.api.GET("/api/fansly/{account_id}/chats", { params: { path: { account_id: accountId }, query: { cursor: "nope" } } }))
      .then(() => null, (e) => e);
    assert.equal(bad?.statusCode, 400);
    assert.match(bad.message, /cursor/);

    const wrongKey = new FanslyGateway({ baseUrl: stack.root, apiKey: "fgw_wrong" });
    const unauth = await wrongKey.listAccounts().then(() => null, (e) => e);
    assert.equal(unauth?.statusCode, 401);
  });
});

describe("pagination", () => {
  test("walks every chat of the large world exactly once", async () => {
    const seen = new Map();
    let pages = 0;
    for await (const page of gw.pages("/api/fansly/{account_id}/chats", { path: { account_id: accountId }, query: { limit: 25 } })) {
      pages++;
      for (const chat of page.items) {
        assert.ok(!seen.has(chat.groupId), `chat ${chat.groupId} seen twice`);
        seen.set(chat.groupId, chat);
      }
    }
    assert.equal(seen.size, stack.world.chats);
    assert.equal(pages, Math.ceil(stack.world.chats / 25) + (stack.world.chats % 25 === 0 ? 1 : 0));
    chats = [...seen.values()];
  });

  test("walks every follower of the large world exactly once (offset cursors)", async () => {
    const ids = new Set();
    let n = 0;
    for await (const f of gw.paginate("/api/fansly/{account_id}/followers", { path: { account_id: accountId }, query: { limit: 100 } })) {
      n++;
      ids.add(f.followerId ?? f.id);
    }
    assert.equal(n, stack.world.followers);
    assert.equal(ids.size, stack.world.followers);
  });

  test("walks one chat's messages exactly once (id cursors)", async () => {
    const chat = chats.find((c) => c.lastMessageId);
    const ids = [];
    for await (const m of gw.paginate("/api/fansly/{account_id}/chats/{chat_id}/messages", {
      path: { account_id: accountId, chat_id: chat.groupId },
      query: { limit: 10 },
    })) {
      ids.push(m.id);
    }
    assert.ok(ids.length >= 10, `only ${ids.length} messages`);
    assert.equal(new Set(ids).size, ids.length, "a message came twice");
    const sorted = [...ids].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
    assert.deepEqual(ids, sorted, "newest first, no gaps in order");
  });

  test("every cursor route pages without repeating an item", async () => {
    const one = async (path, query) => {
      const r = await gw.call(gw.api.GET(path, { params: { path: { account_id: accountId }, query } }));
      return r;
    };
    const lists = (await one("/api/fansly/{account_id}/lists")).lists;
    const walls = await one("/api/fansly/{account_id}/posts/walls");
    const albums = await one("/api/fansly/{account_id}/vault/albums");
    const hook = await gw.call(
      gw.api.POST("/api/fansly/webhooks", { body: { url: "http://127.0.0.1:9/unused", events: ["messages.sent"] } }),
    );
    const values = {
      account_id: accountId,
      chat_id: chats[0].groupId,
      list_id: lists[0]?.id,
      wall_id: (walls.walls ?? walls)[0]?.id,
      album_id: (albums.albums ?? albums)[0]?.id,
      id: hook.id,
    };
    for (const path of Object.keys(cursorRoutes)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const params = {};
      for (const n of names) {
        assert.ok(values[n], `${path}: no value for {${n}} in this test`);
        params[n] = values[n];
      }
      const seen = new Set();
      let pages = 0;
      for await (const page of gw.pages(path, { path: params })) {
        assert.ok(Array.isArray(page.items), path);
        for (const item of page.items) {
          const key = JSON.stringify(item);
          assert.ok(!seen.has(key), `${path}: an item came twice`);
          seen.add(key);
        }
        if (++pages === 3) break;
      }
      assert.ok(pages >= 1, path);
    }
  });
});

describe("retries", () => {
  test("reads are retried on 429 (honouring Retry-After) and 5xx", async () => {
    let attempts = 0;
    const counting = new FanslyGateway({
      baseUrl: stack.root,
      apiKey: stack.apiKey,
      fetch: (req) => {
        attempts++;
        return fetch(req);
      },
      retry: { retries: 3, baseDelayMs: 50 },
    });
    await stack.fault("/api/v1/account/me", 429, 1, 1);
    await stack.fault("/api/v1/account/me", 503, 1);
    const started = Date.now();
    const me = await counting.call(
      counting.api.GET("/api/fansly/{account_id}/me", { params: { path: { account_id: accountId }, query: { fresh: true } } }),
    );
    assert.equal(me.account.username, stack.world.username);
    assert.equal(attempts, 3);
    assert.ok(Date.now() - started >= 950, "Retry-After: 1 was not waited out");
  });

  test("without retries the 429 reaches the caller, with Retry-After", async () => {
    const once = new FanslyGateway({ baseUrl: stack.root, apiKey: stack.apiKey, retry: false });
    await stack.fault("/api/v1/account/me", 429, 1, 1);
    const err = await once
      .call(once.api.GET("/api/fansly/{account_id}/me", { params: { path: { account_id: accountId }, query: { fresh: true } } }))
      .then(() => null, (e) => e);
    assert.equal(err?.statusCode, 429);
    assert.equal(err.retryAfter, 1);
    await new Promise((r) => setTimeout(r, 1100)); // let the account's hold pass
  });

  test("sends are never retried", async () => {
    let attempts = 0;
    const counting = new FanslyGateway({
      baseUrl: stack.root,
      apiKey: stack.apiKey,
      fetch: (req) => {
        attempts++;
        return fetch(req);
      },
    });
    await stack.fault("/api/v1/message", 503, 1);
    const err = await counting.sendMessage(accountId, chats[0].groupId, { content: "not twice" }).then(() => null, (e) => e);
    assert.equal(err?.statusCode, 502);
    assert.equal(attempts, 1);
  });
});

describe("sends, uploads and webhooks", () => {
  let receiver;
  let received = [];
  let waiters = [];
  let hook;

  before(async () => {
    receiver = createServer((req, res) => {
      const parts = [];
      req.on("data", (c) => parts.push(c));
      req.on("end", () => {
        received.push({ headers: req.headers, body: Buffer.concat(parts) });
        res.writeHead(200).end("ok");
        waiters = waiters.filter((w) => !w());
      });
    });
    await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${receiver.address().port}/hook`;
    hook = await gw.call(gw.api.POST("/api/fansly/webhooks", { body: { url, events: ["messages.sent"] } }));
    assert.match(hook.secret, /^whsec_/);
  });

  after(() => new Promise((r) => receiver.close(r)));

  function delivery(match, timeoutMs = 20_000) {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error("no matching webhook delivery arrived")), timeoutMs);
      const check = () => {
        const hit = received.find((d) => match(JSON.parse(d.body.toString("utf8"))));
        if (hit) {
          clearTimeout(t);
          resolve(hit);
        }
        return Boolean(hit);
      };
      if (!check()) waiters.push(check);
    });
  }

  test("a send carries an Idempotency-Key; the same key replays", async () => {
    const chat = chats[1].groupId;
    const first = await gw.sendMessage(accountId, chat, { content: "hello from the TypeScript SDK" });
    assert.match(first.idempotencyKey, /^[0-9a-f-]{36}$/);
    assert.equal(first.replayed, false);
    const again = await gw.sendMessage(accountId, chat, { content: "hello from the TypeScript SDK" }, {
      idempotencyKey: first.idempotencyKey,
    });
    assert.equal(again.replayed, true);
    assert.equal(again.data.id, first.data.id);
  });

  test("upload polls the job until it completes", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    const states = [];
    const job = await gw.uploadMedia(accountId, png, {
      fileName: "pixel.png",
      contentType: "image/png",
      pollIntervalMs: 200,
      onProgress: (j) => states.push(j.state),
    });
    assert.equal(job.state, "completed");
    assert.match(String(job.result.mediaId), /^\d+$/);
    assert.ok(job.result.accountMedia[0].id);
    assert.ok(states.length >= 1);
  });

  test("a webhook from the gateway verifies with both schemes and is typed", async () => {
    const chat = chats[2].groupId;
    const sent = await gw.sendMessage(accountId, chat, { content: "webhook me" });
    const d = await delivery((b) => b.event === "messages.sent" && b.data?.id === sent.data.id);

    const event = verifyWebhook({ secret: hook.secret, body: d.body, headers: d.headers });
    assert.equal(event.event, "messages.sent");
    assert.equal(event.accountId, accountId);
    assert.equal(event.data.id, sent.data.id);
    const hex = verifyWebhook({ secret: hook.secret, body: d.body, headers: d.headers, scheme: "hex", payloadStyle: "envelope" });
    assert.deepEqual(hex, event);
    const standard = verifyWebhook({ secret: hook.secret, body: d.body, headers: d.headers, scheme: "standard" });
    assert.deepEqual(standard, event);

    // A changed body, another secret or the wrong style fail.
    const tampered = Buffer.from(d.body.toString("utf8").replace("webhook me", "webhook you"));
    for (const scheme of ["hex", "standard"]) {
      assert.throws(() => verifyWebhook({ secret: hook.secret, body: tampered, headers: d.headers, scheme }), WebhookVerificationError);
      assert.throws(
        () => verifyWebhook({ secret: "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", body: d.body, headers: d.headers, scheme }),
        WebhookVerificationError,
      );
    }
    assert.throws(
      () => verifyWebhook({ secret: hook.secret, body: d.body, headers: d.headers, payloadStyle: "event_type" }),
      WebhookVerificationError,
    );
  });

  test("the test delivery verifies too", async () => {
    await gw.call(gw.api.POST("/api/fansly/webhooks/{id}/test", { params: { path: { id: hook.id } } }));
    const d = await delivery((b) => b.event === "webhook.test");
    const event = verifyWebhook({ secret: hook.secret, body: d.body, headers: d.headers, payloadStyle: "envelope" });
    assert.equal(event.event, "webhook.test");
    assert.equal(event.data.endpointId, hook.id);
    assert.equal(typeof event.data.message, "string");
  });
});

/** A local webhook receiver on 127.0.0.1: `wait(match)` resolves with the first matching delivery. */
async function startReceiver() {
  const received = [];
  let waiters = [];
  const server = createServer((req, res) => {
    const parts = [];
    req.on("data", (c) => parts.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(parts) });
      res.writeHead(200).end("ok");
      waiters = waiters.filter((w) => !w());
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    received,
    wait(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error("no matching webhook delivery arrived")), timeoutMs);
        const check = () => {
          const hit = received.find((d) => match(JSON.parse(d.body.toString("utf8"))));
          if (hit) {
            clearTimeout(t);
            resolve(hit);
          }
          return Boolean(hit);
        };
        if (!check()) waiters.push(check);
      });
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

/** The keys of each `event_type` body's `data` objects (the SDK's CompatEventData, exactly). */
const PERSON_KEYS = ["avatar", "display_name", "id", "username"];
const EVENT_TYPE_KEYS = {
  new_message: { data: ["account_id", "message", "sender"], message: ["created_at", "id", "text"], sender: PERSON_KEYS },
  test: { data: ["account_id", "test"], test: ["message"] },
};

function assertShape(event) {
  assert.deepEqual(Object.keys(event).sort(), ["data", "event_type", "timestamp"]);
  assert.ok(!Number.isNaN(Date.parse(event.timestamp)), event.timestamp);
  const want = EVENT_TYPE_KEYS[event.event_type];
  for (const [key, keys] of Object.entries(want)) {
    const obj = key === "data" ? event.data : event.data[key];
    assert.deepEqual(Object.keys(obj).sort(), keys, `${event.event_type}: ${key}`);
  }
}

describe("event_type webhooks (payloadStyle: event_type)", () => {
  let receiver;
  let hook;
  let fan;
  let fanToken;

  before(async () => {
    receiver = await startReceiver();
    hook = await gw.call(
      gw.api.POST("/api/fansly/webhooks", {
        body: { url: receiver.url, events: ["messages.received"], accountIds: [accountId], payloadStyle: "event_type" },
      }),
    );
    assert.equal(hook.payloadStyle, "event_type");
    assert.match(hook.secret, /^whsec_/);
    // A fan of the creator, made and logged in through the simulator's control API.
    fan = await stack.simCall("POST", "/_sim/fans", { username: "sdk_ts_fan", displayName: "SDK TS Fan" });
    fanToken = (await stack.simCall("POST", "/_sim/sessions", { accountId: fan.id })).token;
  });

  after(() => receiver.close());

  test("a fan's message arrives as new_message, verified with both schemes and typed", async () => {
    const creator = (await gw.listAccounts()).accounts.find((a) => a.accountId === accountId).fanslyAccountId;
    assert.match(String(creator), /^\d+$/);
    const group = await stack.simCall("POST", "/api/v1/group", { type: 1, users: [{ userId: creator }] }, fanToken);
    const groupId = group.response.id;
    // The fan as Fansly shows the account: what `sender` must name.
    const native = (await stack.simCall("GET", `/api/v1/account?ids=${fan.id}`, undefined, fanToken)).response[0];
    const avatar = native.avatar?.locations?.[0]?.location ?? native.avatar?.location ?? null;
    assert.ok(avatar, "the simulator gives every fan an avatar");

    // Sent by the fan (retried while the gateway's event socket may still be connecting).
    const sent = new Map();
    let d;
    for (let attempt = 1; !d; attempt++) {
      const content = `hello from the fan, take ${attempt}`;
      const m = (await stack.simCall("POST", "/api/v1/message", { type: 1, content, groupId, attachments: [] }, fanToken)).response;
      sent.set(m.id, m);
      d = await receiver
        .wait((b) => b.event_type === "new_message" && sent.has(b.data?.message?.id), attempt < 4 ? 5_000 : 20_000)
        .catch((e) => {
          if (attempt >= 4) throw e;
          return undefined;
        });
    }
    for (const scheme of ["hex", "standard"]) {
      const event = verifyWebhook({ secret: hook.secret, body: d.body, headers: d.headers, scheme, payloadStyle: "event_type" });
      assert.equal(event.event_type, "new_message");
      assertShape(event);
      assert.equal(event.data.account_id, accountId, "the gateway's account id");
      const m = sent.get(event.data.message.id);
      assert.equal(event.data.message.text, m.content);
      // Fansly's REST answer has whole seconds; the event (from the socket) keeps the fraction.
      const secs = m.createdAt < 1e11 ? m.createdAt : Math.trunc(m.createdAt / 1000);
      assert.match(event.data.message.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
      assert.equal(Math.trunc(Date.parse(event.data.message.created_at) / 1000), secs);
      // A CDN location is signed when it is read (its `Expires` counts from then), so the
      // event's and this test's reads of the same avatar differ only in the signature.
      const { avatar: signed, ...sender } = event.data.sender;
      assert.match(String(signed), /[?&]Signature=/);
      assert.equal(String(signed).split("?")[0], avatar.split("?")[0]);
      assert.deepEqual(sender, { id: fan.id, username: "sdk_ts_fan", display_name: "SDK TS Fan" });
    }
    // The envelope style is not what this endpoint gets; a changed body fails both schemes.
    assert.throws(() => verifyWebhook({ secret: hook.secret, body: d.body, headers: d.headers, payloadStyle: "envelope" }), WebhookVerificationError);
    const tampered = Buffer.from(d.body.toString("utf8").replace("hello from the fan", "hello from someone"));
    for (const scheme of ["hex", "standard"]) {
      assert.throws(() => verifyWebhook({ secret: hook.secret, body: tampered, headers: d.headers, scheme }), WebhookVerificationError);
    }
  });

  test("the test delivery arrives as event_type test", async () => {
    await gw.call(gw.api.POST("/api/fansly/webhooks/{id}/test", { params: { path: { id: hook.id } } }));
    const d = await receiver.wait((b) => b.event_type === "test");
    for (const scheme of ["hex", "standard"]) {
      const event = verifyWebhook({ secret: hook.secret, body: d.body, headers: d.headers, scheme, payloadStyle: "event_type" });
      assert.equal(event.event_type, "test");
      assertShape(event);
      assert.equal(event.data.account_id, accountId);
      assert.equal(event.data.test.message, "Test event from fansly-gateway");
    }
    // Only event_type bodies came to this endpoint.
    assert.ok(receiver.received.every((r) => "event_type" in JSON.parse(r.body.toString("utf8"))));
  });
});
