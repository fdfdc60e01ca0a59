export { FanslyGateway } from "./client.js";
export type { GatewayOptions, ItemOf, Page, PageData, PageParams, Sent, UploadJob, UploadOptions } from "./client.js";
export { unwrap, nextCursor, parseRetryAfter, type Unwrap } from "./envelope.js";
export { GatewayError, UploadError, WebhookVerificationError } from "./errors.js";
export { retryingFetch, retryDelay, type RetryOptions } from "./retry.js";
export { cursorRoutes, type CursorPath } from "./generated/routes.js";
export type { paths, components, operations } from "./generated/schema.js";
export * from "./webhooks.js";
