"""Typed webhook bodies of both payload styles.

An endpoint's ``payloadStyle`` setting chooses between them (docs/routes/webhooks.md, "Payload
styles"): ``envelope`` (the default) is ``{event, accountId, timestamp, data}`` with Fansly's own
object as ``data``; ``event_type`` is ``{event_type, timestamp, data: {account_id, …}}`` with
typed objects naming the fan, exactly as ``crates/fansly-gateway/src/webhooks/style.rs`` builds
it (a field is ``None`` when Fansly did not give it, e.g. the fan's names when the lookup failed).
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

#: The gateway's ``payloadStyle`` values.
PayloadStyle = Literal["envelope", "event_type"]

# ---- envelope style (the default) --------------------------------------------------------------------------


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


class TestEventData(TypedDict):
    endpointId: str
    message: str


class _Base(TypedDict):
    #: The gateway account id (``fansly_…``; ``""`` on a test to an endpoint without ``accountIds``).
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
    data: TestEventData


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

# ---- event_type style ----------------------------------------------------------------------


class CompatPerson(TypedDict):
    #: The fan's Fansly account id.
    id: str | None
    username: str | None
    display_name: str | None
    #: An avatar URL, or None.
    avatar: str | None


class CompatMessage(TypedDict):
    id: str | None
    text: str | None
    #: ISO-8601.
    created_at: str | None


class CompatTip(TypedDict):
    id: str | None
    #: Dollars.
    amount: float | None
    message: str | None
    #: ISO-8601.
    created_at: str | None


class CompatSubscriber(CompatPerson):
    #: The subscription tier's name.
    tier: str | None
    #: The subscription's price in dollars.
    amount: float | None


class CompatRenewal(CompatSubscriber):
    #: The fan's all-time gross with the creator, in dollars.
    total_spent: float | None


class CompatTest(TypedDict):
    message: str


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
    subscriber: CompatSubscriber


class NewFollowerData(TypedDict):
    account_id: str
    follower: CompatPerson


class CompatTestData(TypedDict):
    #: ``""`` when the endpoint has no ``accountIds``.
    account_id: str
    test: CompatTest


class _CompatBase(TypedDict):
    #: ISO-8601 UTC time of the event.
    timestamp: str


class NewMessage(_CompatBase):
    event_type: Literal["new_message"]
    data: NewMessageData


class NewTip(_CompatBase):
    event_type: Literal["new_tip"]
    data: NewTipData


class NewSubscription(_CompatBase):
    event_type: Literal["new_subscription"]
    data: NewSubscriptionData


class SubscriptionRenewed(_CompatBase):
    event_type: Literal["subscription_renewed"]
    data: SubscriptionRenewedData


class SubscriptionExpired(_CompatBase):
    event_type: Literal["subscription_expired"]
    data: SubscriptionExpiredData


class NewFollower(_CompatBase):
    event_type: Literal["new_follower"]
    data: NewFollowerData


class CompatTestEvent(_CompatBase):
    """The test route's event (``POST /webhooks/{id}/test``)."""

    event_type: Literal["test"]
    data: CompatTestData


CompatEvent = NewMessage | NewTip | NewSubscription | SubscriptionRenewed | SubscriptionExpired | NewFollower | CompatTestEvent

#: Every ``event_type`` the gateway sends.
CompatEventType = Literal[
    "new_message", "new_tip", "new_subscription", "subscription_renewed", "subscription_expired", "new_follower", "test"
]

#: A verified webhook body of either style.
WebhookEvent = GatewayEvent | CompatEvent
