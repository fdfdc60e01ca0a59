"""fansly-gateway SDK: the generated client (``fansly_gateway_generated``) plus the parts a
generator cannot write: the envelope, typed errors, pagination, read retries, idempotent sends,
uploads and webhook verification."""

from ._routes import CURSOR_ROUTES, CursorPath
from .client import Gateway, Page, Sent
from .envelope import next_cursor, parse_retry_after, unwrap
from .errors import GatewayError, UploadError, WebhookVerificationError
from .events import CompatEvent, CompatEventType, GatewayEvent, PayloadStyle, WebhookEvent
from .retry import RetryPolicy, RetryTransport
from .webhooks import hex_signature, sign_webhook, standard_signature, verify_webhook

__version__ = "0.1.0"

__all__ = [
    "CURSOR_ROUTES",
    "CompatEvent",
    "CompatEventType",
    "CursorPath",
    "Gateway",
    "GatewayError",
    "GatewayEvent",
    "Page",
    "PayloadStyle",
    "RetryPolicy",
    "RetryTransport",
    "Sent",
    "UploadError",
    "WebhookEvent",
    "WebhookVerificationError",
    "hex_signature",
    "next_cursor",
    "parse_retry_after",
    "sign_webhook",
    "standard_signature",
    "unwrap",
    "verify_webhook",
]
