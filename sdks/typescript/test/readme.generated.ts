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

// 4. Verify a webhook (any framework: pass the raw body bytes and the headers).
import { createServer } from "node:http";
createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c) => chunks.push(c)).on("end", () => {
    try {
      const event = verifyWebhook({ secret: process.env.FGW_WEBHOOK_SECRET!, body: Buffer.concat(chunks), headers: req.headers });
      if ("event" in event && event.event === "messages.received") console.log("new DM", event.data.content);
      if ("event_type" in event && event.event_type === "new_tip") console.log("tip $", event.data.tip.amount);
      res.writeHead(200).end();
    } catch {
      res.writeHead(400).end(); // bad signature: never act on the body
    }
  });
}).listen(3000);
export {};
