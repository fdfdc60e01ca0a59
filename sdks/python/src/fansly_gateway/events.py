"""Typed webhook bodies of both payload styles.

The default style is ``{event, accountId, timestamp, data}`` (docs/routes/webhooks.md); the
``event_type`` style is the one of the shared client-compat spec §5 item 6. An endpoint's
``payloadStyle`` setting chooses between them.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

PayloadStyle = Literal["default", "event_type"]

# ---- default style --------------------------------------------------------------------------


class NativeMessage(TypedDict, total=False):
    id: str
    groupId: str
    senderId: str
    content: str
    createdAt: int


class NativeTip(TypedDict, total=False):
    id: str
    senderId: str
    receiverId: str
    #: Mills (1000 = US$1).
    amount: int
    fromUser: dict[str, Any]


class NativeFollow(TypedDict, total=False):
    id: str
    accountId: str
    followerId: str


class NativeSubscription(TypedDict, total=False):
    id: str
    accountId: str
    subscriberId: str
    subscriptionTierId: str
    status: int
    historyId: str


class NativeOrder(TypedDict, total=False):
    orderId: str
    correlationAccountId: str
    orderMetadata: dict[str, Any]


class AccountEventData(TypedDict):
    #: The Fansly (native) account id; the gateway's id is the body's ``accountId``.
    accountId: str
    username: str
    name: str
    status: str


class _Base(TypedDict):
    #: The gateway account id (``fansly_…``; ``""`` on a test without accounts).
    accountId: str
    #: ISO-8601 UTC.
    timestamp: str


class MessageEvent(_Base):
    event: Literal["messages.received", "messages.sent", "messages.deleted"]
    data: NativeMessage


class MessagesReadEvent(_Base):
    event: Literal["messages.read"]
    data: dict[str, Any]


class PpvPurchasedEvent(_Base):
    event: Literal["ppv.purchased"]
    data: NativeOrder


class TipEvent(_Base):
    event: Literal["tips.received"]
    data: NativeTip


class SubscriptionEvent(_Base):
    event: Literal["subscriptions.new", "subscriptions.renewed", "subscriptions.expired"]
    data: NativeSubscription


class FollowerEvent(_Base):
    event: Literal["followers.new", "followers.removed"]
    data: NativeFollow


class AccountEvent(_Base):
    event: Literal["accounts.connected", "accounts.session_expired", "accounts.disconnected"]
    data: AccountEventData


class TestEvent(_Base):
    event: Literal["webhook.test"]
    data: dict[str, Any]


GatewayEvent = (
    MessageEvent
    | MessagesReadEvent
    | PpvPurchasedEvent
    | TipEvent
    | SubscriptionEvent
    | FollowerEvent
    | AccountEvent
    | TestEvent
)

# ---- event_type style -----------------------------------------------------------------------


class CompatPerson(TypedDict):
    id: str
    username: str
    display_name: str
    #: An avatar URL, or None.
    avatar: str | None


class CompatMessage(TypedDict):
    id: str
    text: str
    created_at: str


class CompatTip(TypedDict):
    #: Dollars.
    amount: float


class CompatSubscriber(CompatPerson):
    tier: str | None
    #: Dollars.
    amount: float


class CompatRenewal(TypedDict):
    id: str
    #: Dollars.
    total_spent: float


class CompatExpired(TypedDict):
    id: str
    display_name: str
    username: str


class NewMessageData(TypedDict):
    account_id: str
    message: CompatMessage
    sender: CompatPerson


class NewTipData(TypedDict):
    account_id: str
    tip: CompatTip
    sender: CompatPerson


class NewSubscriptionData(TypedDict):
    account_id: str
    subscriber: CompatSubscriber


class SubscriptionRenewedData(TypedDict):
    account_id: str
    subscriber: CompatRenewal


class SubscriptionExpiredData(TypedDict):
    account_id: str
    subscriber: CompatExpired


class NewFollowerData(TypedDict):
    account_id: str
    follower: CompatPerson


class NewMessage(TypedDict):
    event_type: Literal["new_message"]
    data: NewMessageData
    timestamp: NotRequired[str]


class NewTip(TypedDict):
    event_type: Literal["new_tip"]
    data: NewTipData
    timestamp: NotRequired[str]


class NewSubscription(TypedDict):
    event_type: Literal["new_subscription"]
    data: NewSubscriptionData
    timestamp: NotRequired[str]


class SubscriptionRenewed(TypedDict):
    event_type: Literal["subscription_renewed"]
    data: SubscriptionRenewedData
    timestamp: NotRequired[str]


class SubscriptionExpired(TypedDict):
    event_type: Literal["subscription_expired"]
    data: SubscriptionExpiredData
    timestamp: NotRequired[str]


class NewFollower(TypedDict):
    event_type: Literal["new_follower"]
    data: NewFollowerData
    timestamp: NotRequired[str]


CompatEvent = NewMessage | NewTip | NewSubscription | SubscriptionRenewed | SubscriptionExpired | NewFollower

#: A verified webhook body of either style.
WebhookEvent = GatewayEvent | CompatEvent
