// Typed webhook bodies, both payload styles. See docs/routes/webhooks.md (the default style)
// and the shared client-compat spec §5 item 6 (the `event_type` style).

/** The endpoint setting choosing a webhook body shape. */
export type PayloadStyle = "default" | "event_type";

// ---- Default style: {event, accountId, timestamp, data} -----------------------------------

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

/** Each event name of the default style and the type of its `data`. */
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
  "webhook.test": NativeObject;
}

export type GatewayEventName = keyof GatewayEventData;

/** A default-style webhook body, discriminated by `event`. */
export type GatewayEvent = {
  [E in GatewayEventName]: {
    event: E;
    /** The gateway account id (`fansly_…`; `""` on a test without accounts). */
    accountId: string;
    /** ISO-8601 UTC. */
    timestamp: string;
    data: GatewayEventData[E];
  };
}[GatewayEventName];

// ---- `event_type` style ------------------------------------------------------------------

export interface CompatPerson {
  id: string;
  username: string;
  display_name: string;
  /** An avatar URL, or null. */
  avatar: string | null;
}

/** Each `event_type` and the type of its `data` (`account_id` = the gateway account id). */
export interface CompatEventData {
  new_message: {
    account_id: string;
    message: { id: string; text: string; created_at: string };
    sender: CompatPerson;
  };
  new_tip: {
    account_id: string;
    /** `amount` in dollars. */
    tip: { amount: number };
    sender: CompatPerson;
  };
  new_subscription: {
    account_id: string;
    /** `tier` the tier's name, `amount` in dollars. */
    subscriber: CompatPerson & { tier: string | null; amount: number };
  };
  subscription_renewed: {
    account_id: string;
    /** `total_spent` in dollars. */
    subscriber: { id: string; total_spent: number };
  };
  subscription_expired: {
    account_id: string;
    subscriber: { id: string; display_name: string; username: string };
  };
  new_follower: {
    account_id: string;
    follower: CompatPerson;
  };
}

export type CompatEventType = keyof CompatEventData;

/** An `event_type`-style webhook body, discriminated by `event_type`. */
export type CompatEvent = {
  [E in CompatEventType]: {
    event_type: E;
    data: CompatEventData[E];
    /** ISO-8601 UTC, when the gateway adds it. */
    timestamp?: string;
  };
}[CompatEventType];

/** A verified webhook body of either style. */
export type WebhookEvent = GatewayEvent | CompatEvent;

/** True for a default-style body. */
export function isGatewayEvent(event: WebhookEvent): event is GatewayEvent {
  return "event" in event;
}

/** True for an `event_type`-style body. */
export function isCompatEvent(event: WebhookEvent): event is CompatEvent {
  return "event_type" in event;
}
