// Compile-time checks of the hand-written layer's types (tsc --noEmit -p tsconfig.test.json).
import {
  FanslyGateway,
  type CompatEvent,
  type CompatEventType,
  type ItemOf,
  type PayloadStyle,
  type WebhookEvent,
  type components,
} from "../src/index.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assert<T extends true>(): T | undefined {
  return undefined;
}

type Chat = ItemOf<"/api/fansly/{account_id}/chats">;
assert<Equal<Chat extends { groupId?: unknown } ? true : false, true>>();
type Delivery = ItemOf<"/api/fansly/webhooks/{id}/deliveries">;
assert<Equal<Delivery extends { status?: unknown } ? true : false, true>>();

// The webhook types follow the gateway's own document: its payloadStyle values and every
// event_type it sends (EventTypeWebhook), no more and no fewer.
assert<Equal<PayloadStyle, "envelope" | "event_type">>();
assert<Equal<PayloadStyle, components["schemas"]["PayloadStyle"]>>();
assert<Equal<CompatEventType, components["schemas"]["EventTypeWebhook"]["event_type"]>>();
assert<Equal<CompatEvent["event_type"], CompatEventType>>();

export async function usage(gw: FanslyGateway, accountId: string): Promise<void> {
  for await (const chat of gw.paginate("/api/fansly/{account_id}/chats", { path: { account_id: accountId }, query: { limit: 5 } })) {
    const c: Chat = chat;
    void c;
  }
  // @ts-expect-error the path parameter is required
  gw.paginate("/api/fansly/{account_id}/chats", { query: {} });
  // @ts-expect-error not a cursor route
  gw.paginate("/api/fansly/{account_id}/me", { path: { account_id: accountId } });
  const me = await gw.call(gw.api.GET("/api/fansly/{account_id}/me", { params: { path: { account_id: accountId } } }));
  void me;
  const sent = await gw.sendMessage(accountId, "1", { content: "hi" });
  const key: string = sent.idempotencyKey;
  void key;
}

export function narrow(e: WebhookEvent): string {
  if ("event_type" in e) {
    if (e.event_type === "new_tip") return String(e.data.tip.amount);
    if (e.event_type === "new_message") return `${e.data.sender.username ?? "?"}: ${e.data.message.text ?? ""}`;
    if (e.event_type === "subscription_renewed") return String(e.data.subscriber.total_spent);
    if (e.event_type === "test") return e.data.test.message;
    // @ts-expect-error a follower event has no sender
    if (e.event_type === "new_follower") return e.data.sender.id;
    return e.data.account_id;
  }
  if (e.event === "webhook.test") return e.data.message;
  if (e.event === "messages.received") return e.data.id;
  return e.accountId;
}
