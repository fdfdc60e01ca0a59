// Typed webhook bodies, both payload styles. See docs/routes/webhooks.md ("Deliveries" for the
// envelope style, "Payload styles" for the `event_type` style); the `event_type` bodies are built
// by crates/fansly-gateway/src/webhooks/style.rs.

import type { components } from "./generated/schema.js";

/**
 * The endpoint setting choosing a webhook body shape (the gateway's `payloadStyle`, from its
 * OpenAPI document): `"envelope"` (the default) or `"event_type"`.
 */
export type PayloadStyle = components["schemas"]["PayloadStyle"];

// ---- `envelope` style (the default): {event, accountId, timestamp, data} --------------------

/** A native Fansly object as the gateway received it: the fields listed are the ones relied on. */
export interface NativeObject {
  id?: string;
  [field: string]: unknown;
}

export interface NativeMessage extends NativeObject {
  id: string;
  groupId?: string;
  senderId?: string;
  content?: string;
  /** Unix seconds or milliseconds, as Fansly sends it. */
  createdAt?: number;
}

export interface NativeTip extends NativeObject {
  senderId?: string;
  receiverId?: string;
  /** Mills (1000 = US$1). */
  amount?: number;
  fromUser?: { id: string };
}

export interface NativeFollow extends NativeObject {
  accountId?: string;
  followerId?: string;
}

export interface NativeSubscription extends NativeObject {
  accountId?: string;
  subscriberId?: string;
  subscriptionTierId?: string;
  status?: number;
  historyId?: string;
}

export interface NativeOrder extends NativeObject {
  orderId?: string;
  correlationAccountId?: string;
  orderMetadata?: { accountMediaPrice?: number | null; [field: string]: unknown };
}

export interface AccountEventData {
  /** The Fansly (native) account id; the gateway's id is the body's `accountId`. */
  accountId: string;
  username: string;
  name: string;
  status: string;
}

/** The `data` of the test event (`POST /webhooks/{id}/test`). */
export interface TestEventData {
  endpointId: string;
  message: string;
}

/** Each event name of the envelope style and the type of its `data`. */
export interface GatewayEventData {
  "messages.received": NativeMessage;
  "messages.sent": NativeMessage;
  "messages.deleted": NativeMessage;
  "messages.read": NativeObject;
  "ppv.purchased": NativeOrder;
  "tips.received": NativeTip;
  "subscriptions.new": NativeSubscription;
  "subscriptions.renewed": NativeSubscription;
  "subscriptions.expired": NativeSubscription;
  "followers.new": NativeFollow;
  "followers.removed": NativeFollow;
  "accounts.connected": AccountEventData;
  "accounts.session_expired": AccountEventData;
  "accounts.disconnected": AccountEventData;
  "webhook.test": TestEventData;
}

export type GatewayEventName = keyof GatewayEventData;

/** An envelope-style webhook body, discriminated by `event`. */
export type GatewayEvent = {
  [E in GatewayEventName]: {
    event: E;
    /** The gateway account id (`fansly_…`; `""` on a test to an endpoint without `accountIds`). */
    accountId: string;
    /** ISO-8601 UTC. */
    timestamp: string;
    data: GatewayEventData[E];
  };
}[GatewayEventName];

// ---- `event_type` style: {event_type, timestamp, data:{account_id, …}} ---------------------
// Exactly what the gateway sends: a field is `null` when Fansly did not give it (the fan's
// names and avatar when the fan lookup failed, an id or time missing from Fansly's object).

/** The fan an event is about, as Fansly shows the fan's account. */
export interface CompatPerson {
  /** The fan's Fansly account id. */
  id: string | null;
  username: string | null;
  display_name: string | null;
  /** An avatar URL, or null. */
  avatar: string | null;
}

/** `subscriber` of the subscription events. */
export interface CompatSubscriber extends CompatPerson {
  /** The subscription tier's name. */
  tier: string | null;
  /** The subscription's price in dollars. */
  amount: number | null;
}

/** Each `event_type` and the type of its `data` (`account_id` = the gateway account id). */
export interface CompatEventData {
  new_message: {
    account_id: string;
    /** `created_at` ISO-8601. */
    message: { id: string | null; text: string | null; created_at: string | null };
    sender: CompatPerson;
  };
  new_tip: {
    account_id: string;
    /** `amount` in dollars, `created_at` ISO-8601. */
    tip: { id: string | null; amount: number | null; message: string | null; created_at: string | null };
    sender: CompatPerson;
  };
  new_subscription: {
    account_id: string;
    subscriber: CompatSubscriber;
  };
  subscription_renewed: {
    account_id: string;
    /** `total_spent`: the fan's all-time gross with the creator, in dollars. */
    subscriber: CompatSubscriber & { total_spent: number | null };
  };
  subscription_expired: {
    account_id: string;
    subscriber: CompatSubscriber;
  };
  new_follower: {
    account_id: string;
    follower: CompatPerson;
  };
  /** The test route's event; `account_id` is `""` when the endpoint has no `accountIds`. */
  test: {
    account_id: string;
    test: { message: string };
  };
}

export type CompatEventType = keyof CompatEventData;

/** An `event_type`-style webhook body, discriminated by `event_type`. */
export type CompatEvent = {
  [E in CompatEventType]: {
    event_type: E;
    /** ISO-8601 UTC time of the event. */
    timestamp: string;
    data: CompatEventData[E];
  };
}[CompatEventType];

/** A verified webhook body of either style. */
export type WebhookEvent = GatewayEvent | CompatEvent;

/** True for an envelope-style body. */
export function isGatewayEvent(event: WebhookEvent): event is GatewayEvent {
  return "event" in event;
}

/** True for an `event_type`-style body. */
export function isCompatEvent(event: WebhookEvent): event is CompatEvent {
  return "event_type" in event;
}
