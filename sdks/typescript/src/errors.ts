/** An error answer of the gateway (any non-2xx), with the envelope's fields. */
export class GatewayError extends Error {
  /** The HTTP status (the envelope's `statusCode`). */
  readonly statusCode: number;
  /** The HTTP reason phrase the envelope carries in `error` (e.g. "Bad Request"). */
  readonly error: string | null;
  /** The `x-request-id` of the answer: quote it when reporting a problem. */
  readonly requestId: string | null;
  /** Seconds the gateway asked to wait (`Retry-After`), on 429 and some 503s. */
  readonly retryAfter: number | null;
  /** The parsed body (the error envelope), or the raw text when it was not JSON. */
  readonly body: unknown;

  constructor(init: {
    statusCode: number;
    message: string;
    error?: string | null;
    requestId?: string | null;
    retryAfter?: number | null;
    body?: unknown;
  }) {
    super(init.message);
    this.name = "GatewayError";
    this.statusCode = init.statusCode;
    this.error = init.error ?? null;
    this.requestId = init.requestId ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.body = init.body;
  }
}

/** An upload job the gateway reported as `failed` (or that did not finish in time). */
export class UploadError extends Error {
  readonly jobId: string;
  readonly job: unknown;
  constructor(jobId: string, message: string, job: unknown) {
    super(message);
    this.name = "UploadError";
    this.jobId = jobId;
    this.job = job;
  }
}

/** A webhook whose signature or timestamp did not check out. Never act on its body. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}
