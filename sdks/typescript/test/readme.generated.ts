// generated from README.md by test/readme-example.mjs
import { FanslyGateway, GatewayError, verifyWebhook } from "../src/index.js";

const gw = new FanslyGateway({ baseUrl: "http://127.0.0.1:8080", apiKey: process.env.FGW_KEY! });

// 1. Connect a creator account (flat answer; `requires_2fa` → gw.verify2fa({...})).
const connected = await gw.connect({ username: "creator", password: "…", name: "Main", countryCode: "US" });
if ("requires_2fa" in connected) throw new Error("2FA needed: call gw.verify2fa({... twoFactorCode })");
const accountId = connected.account_id; // "fansly_…"

// 2. List chats: every page, following the cursor, each request retried on 429/5xx.
for await (const chat of gw.paginate("/api/fansly/{account_id}/chats", { path: { account_id: accountId }, query: { limit: 25 } })) {
  console.log(chat.groupId, chat.partnerUsername, chat.unreadCount);
}

// 3. Send a message: an Idempotency-Key is added (reuse `sent.idempotencyKey` to retry safely).
try {
  const sent = await gw.sendMessage(accountId, "<chat id>", { content: "Thanks for subscribing!" });
  console.log(sent.data.id, sent.replayed);
} catch (e) {
  if (e instanceof GatewayError) console.error(e.statusCode, e.message, e.requestId);
  else throw e;
}

// 4. Register a webhook endpoint (payloadStyle "envelope", the default, or "event_type"; the
//    secret is shown only here), then verify each delivery (any framework: pass the raw body
//    bytes and the headers).
const hook = await gw.call(gw.api.POST("/api/fansly/webhooks", {
  body: { url: "https://example.com/hook", events: ["messages.received", "tips.received"], payloadStyle: "envelope" },
}));
const secret = hook.secret!; // store it: it is not shown again
import { createServer } from "node:http";
createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c) => chunks.push(c)).on("end", () => {
    try {
      const event = verifyWebhook({ secret, body: Buffer.concat(chunks), headers: req.headers });
      // envelope style: Fansly's own object as `data`
      if ("event" in event && event.event === "messages.received") console.log("new DM", event.data.content);
      // event_type style: typed objects naming the fan, amounts in dollars
      if ("event_type" in event && event.event_type === "new_message") console.log(event.data.sender.username, event.data.message.text);
      if ("event_type" in event && event.event_type === "new_tip") console.log("tip $", event.data.tip.amount);
      res.writeHead(200).end();
    } catch {
      res.writeHead(400).end(); // bad signature: never act on the body
    }
  });
}).listen(3000);
export {};
