import { randomUUID } from "node:crypto";
import createClient, { type Client } from "openapi-fetch";

import { errorFrom, nextCursor, unwrap, type Unwrap } from "./envelope.js";
import { UploadError } from "./errors.js";
import { cursorRoutes, type CursorPath } from "./generated/routes.js";
import type { paths } from "./generated/schema.js";
import { retryingFetch, type RetryOptions } from "./retry.js";

export interface GatewayOptions {
  /** The gateway's root (`https://host`) or its API base (`https://host/api/fansly`). */
  baseUrl: string;
  /** An API key (`fgw_…`), sent as `x-api-key`. */
  apiKey: string;
  /** Retries of reads on 429/5xx (see {@link RetryOptions}); `false` turns them off. */
  retry?: RetryOptions | false;
  /** The fetch to use (default the global one). */
  fetch?: (input: Request) => Promise<Response>;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/** The JSON body of an operation's first 2xx answer. */
type SuccessBody<Op> = Op extends { responses: infer R }
  ? R extends { 200: { content: { "application/json": infer B } } }
    ? B
    : R extends { 201: { content: { "application/json": infer B } } }
      ? B
      : R extends { 202: { content: { "application/json": infer B } } }
        ? B
        : unknown
  : unknown;

type GetOp<P extends keyof paths> = paths[P] extends { get: infer Op } ? Op : never;
type PostOp<P extends keyof paths> = paths[P] extends { post: infer Op } ? Op : never;
type JsonRequest<Op> = Op extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type Params<Op> = Op extends { parameters: infer Pr } ? Pr : never;
type QueryOf<Op> = Params<Op> extends { query?: infer Q } ? NonNullable<Q> : Record<string, never>;
type PathOf<Op> = Params<Op> extends { path: infer PP } ? PP : never;

/** The unwrapped payload of one page of cursor route `P`. */
export type PageData<P extends CursorPath> = Unwrap<SuccessBody<GetOp<P>>>;
/** One item of cursor route `P` (where `itemsKey` in the route table points). */
export type ItemOf<P extends CursorPath> = (typeof cursorRoutes)[P]["itemsKey"] extends infer K
  ? K extends string
    ? NonNullable<PageData<P>> extends { [key in K]?: infer A }
      ? NonNullable<A> extends readonly (infer I)[]
        ? I
        : unknown
      : unknown
    : NonNullable<PageData<P>> extends readonly (infer I)[]
      ? I
      : unknown
  : unknown;

/** How to call cursor route `P`: its path parameters and query (without `cursor`). */
export type PageParams<P extends CursorPath> = ([PathOf<GetOp<P>>] extends [never]
  ? { path?: undefined }
  : { path: PathOf<GetOp<P>> }) & { query?: Omit<QueryOf<GetOp<P>>, "cursor"> };

export interface Page<P extends CursorPath> {
  /** The page's items (see the route table's `itemsKey`). */
  items: ItemOf<P>[];
  /** The whole unwrapped payload (side-loaded objects such as `accountMedia` included). */
  data: PageData<P>;
  /** The cursor of the next page, null on the last. */
  nextCursor: string | null;
  requestId: string | null;
}

/** The result of a send made with an `Idempotency-Key`. */
export interface Sent<T> {
  data: T;
  /** The key sent: reuse it to retry the same send safely. */
  idempotencyKey: string;
  /** True when the gateway replayed the first answer for this key (no second send). */
  replayed: boolean;
  requestId: string | null;
}

export interface UploadOptions {
  fileName: string;
  /** The file's mimetype (default: guessed by the gateway from the file name). */
  contentType?: string;
  /** Between status polls (default 1000 ms). */
  pollIntervalMs?: number;
  /** Give up waiting after this long (default 5 minutes); the job itself keeps running. */
  timeoutMs?: number;
  /** Called with each polled job status. */
  onProgress?: (job: UploadJob) => void;
}

export type UploadJob = Unwrap<SuccessBody<GetOp<"/api/fansly/media/upload/{job_id}/status">>>;

/** The flat `data` of an envelope (routes answered in the flat shape). */
type Flat<T> = T extends { data?: infer D } ? NonNullable<D> : unknown;
function flat<T>(envelope: T): Flat<T> {
  return (envelope as { data?: unknown }).data as Flat<T>;
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

const SEND_MESSAGE = "/api/fansly/{account_id}/chats/{chat_id}/messages" as const;
const MASS_MESSAGE = "/api/fansly/{account_id}/mass-messaging" as const;
const CREATE_POST = "/api/fansly/{account_id}/posts" as const;

/**
 * A fansly-gateway client: the generated, fully typed `api` (openapi-fetch over the gateway's
 * OpenAPI document) plus the parts a generator cannot write.
 */
export class FanslyGateway {
  /** The generated client: every operation of the OpenAPI document, typed. */
  readonly api: Client<paths>;
  readonly baseUrl: string;
  private readonly fetchImpl: (input: Request) => Promise<Response>;
  private readonly headers: Record<string, string>;

  constructor(options: GatewayOptions) {
    if (!options.apiKey) throw new TypeError("apiKey is required");
    this.baseUrl = options.baseUrl.replace(/\/+$/, "").replace(/\/api\/fansly$/, "");
    const base = options.fetch ?? ((req: Request) => globalThis.fetch(req));
    this.fetchImpl = options.retry === false ? base : retryingFetch(base, options.retry ?? {});
    this.headers = { ...(options.headers ?? {}), "x-api-key": options.apiKey };
    this.api = createClient<paths>({ baseUrl: this.baseUrl, fetch: this.fetchImpl, headers: this.headers });
  }

  /**
   * Awaits a call of {@link api} and returns its unwrapped payload (`data.data.response` for
   * proxied routes, `data` otherwise); throws {@link GatewayError} on any error answer.
   */
  async call<T>(request: Promise<FetchResult<T>>): Promise<Unwrap<T>> {
    return unwrap(await this.envelope(request));
  }

  /** Like {@link call} but returns the whole success envelope. */
  async envelope<T>(request: Promise<FetchResult<T>>): Promise<T> {
    const { data, error, response } = await request;
    if (!response.ok || error !== undefined) throw errorFrom(response, error ?? data);
    return data as T;
  }

  /**
   * `POST /connect`: connects a Fansly account. The answer is flat (`data` as is, never
   * unwrapped): `account_id` is the gateway's account id, or `requires_2fa` asks for
   * {@link verify2fa}.
   */
  async connect(body: JsonRequest<PostOp<"/api/fansly/connect">>) {
    return flat(await this.envelope(this.api.POST("/api/fansly/connect", { body })));
  }

  /** `POST /verify-2fa`: finishes a connect that asked for a 2FA code (flat answer). */
  async verify2fa(body: JsonRequest<PostOp<"/api/fansly/verify-2fa">>) {
    return flat(await this.envelope(this.api.POST("/api/fansly/verify-2fa", { body })));
  }

  /** `GET /accounts`: this key's connected accounts. */
  listAccounts() {
    return this.call(this.api.GET("/api/fansly/accounts"));
  }

  /** Sends a DM with an `Idempotency-Key` (a fresh one unless given: pass the same to retry). */
  sendMessage(
    accountId: string,
    chatId: string,
    body: JsonRequest<PostOp<typeof SEND_MESSAGE>>,
    options: { idempotencyKey?: string } = {},
  ) {
    return this.sent(options.idempotencyKey, (headers) =>
      this.api.POST(SEND_MESSAGE, { params: { path: { account_id: accountId, chat_id: chatId } }, body, headers }),
    );
  }

  /** Sends a mass message with an `Idempotency-Key`. */
  sendMassMessage(
    accountId: string,
    body: JsonRequest<PostOp<typeof MASS_MESSAGE>>,
    options: { idempotencyKey?: string } = {},
  ) {
    return this.sent(options.idempotencyKey, (headers) =>
      this.api.POST(MASS_MESSAGE, { params: { path: { account_id: accountId } }, body, headers }),
    );
  }

  /** Creates a post with an `Idempotency-Key`. */
  createPost(accountId: string, body: JsonRequest<PostOp<typeof CREATE_POST>>, options: { idempotencyKey?: string } = {}) {
    return this.sent(options.idempotencyKey, (headers) =>
      this.api.POST(CREATE_POST, { params: { path: { account_id: accountId } }, body, headers }),
    );
  }

  private async sent<T>(
    key: string | undefined,
    send: (headers: Record<string, string>) => Promise<FetchResult<T>>,
  ): Promise<Sent<Unwrap<T>>> {
    const idempotencyKey = key ?? randomUUID();
    const request = send({ "Idempotency-Key": idempotencyKey });
    const { response } = await request;
    const data = await this.call(request);
    return {
      data,
      idempotencyKey,
      replayed: response.headers.get("idempotent-replayed") === "true",
      requestId: response.headers.get("x-request-id"),
    };
  }

  /**
   * The pages of a cursor route, first to last, following the next cursor the gateway writes
   * (`data.nextCursor`) until it is null. Each request is a read, so it is retried on 429/5xx.
   */
  async *pages<P extends CursorPath>(path: P, params: PageParams<P>): AsyncGenerator<Page<P>, void, undefined> {
    const route = cursorRoutes[path];
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (;;) {
      const query: Record<string, unknown> = { ...(params.query ?? {}) };
      if (cursor !== null) query.cursor = cursor;
      // The path is a cursor route of `paths`; its exact init type is checked by PageParams.
      const request = (this.api.GET as (p: string, init: unknown) => Promise<FetchResult<unknown>>)(path, {
        params: { path: params.path, query },
      });
      const { response } = await request;
      const envelope = await this.envelope(request);
      const data = unwrap(envelope) as PageData<P>;
      const next = nextCursor(envelope);
      const list = route.itemsKey === null ? data : (data as Record<string, unknown> | null)?.[route.itemsKey];
      yield {
        items: (Array.isArray(list) ? list : []) as ItemOf<P>[],
        data,
        nextCursor: next,
        requestId: response.headers.get("x-request-id"),
      };
      if (next === null) return;
      if (seen.has(next)) throw new Error(`${path}: the gateway returned cursor ${next} twice`);
      seen.add(next);
      cursor = next;
    }
  }

  /** Every item of a cursor route, across all its pages. */
  async *paginate<P extends CursorPath>(path: P, params: PageParams<P>): AsyncGenerator<ItemOf<P>, void, undefined> {
    for await (const page of this.pages(path, params)) yield* page.items;
  }

  /**
   * Uploads a file to an account's vault (`POST /{a}/media/upload`, multipart) and polls the
   * job until it is `completed` (returned) or `failed` ({@link UploadError}).
   */
  async uploadMedia(accountId: string, file: Blob | Uint8Array | ArrayBuffer, options: UploadOptions): Promise<UploadJob> {
    const blob =
      file instanceof Blob ? file : new Blob([file as BlobPart], options.contentType ? { type: options.contentType } : {});
    const form = new FormData();
    form.append("file", blob, options.fileName);
    const url = `${this.baseUrl}/api/fansly/${encodeURIComponent(accountId)}/media/upload`;
    const response = await this.fetchImpl(new Request(url, { method: "POST", headers: this.headers, body: form }));
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: reported as text
    }
    if (!response.ok) throw errorFrom(response, body);
    const jobId = (unwrap(body) as { jobId?: string } | undefined)?.jobId;
    if (!jobId) throw new UploadError("", "the upload answer carried no jobId", body);
    return this.waitForUpload(jobId, options);
  }

  /** Polls an upload job until it ends. */
  async waitForUpload(jobId: string, options: Omit<UploadOptions, "fileName" | "contentType"> = {}): Promise<UploadJob> {
    const interval = options.pollIntervalMs ?? 1000;
    const deadline = Date.now() + (options.timeoutMs ?? 300_000);
    for (;;) {
      const job = await this.call(
        this.api.GET("/api/fansly/media/upload/{job_id}/status", { params: { path: { job_id: jobId } } }),
      );
      options.onProgress?.(job);
      const state = (job as { state?: string } | undefined)?.state;
      if (state === "completed") return job;
      if (state === "failed") {
        const reason = (job as { error?: string | null }).error ?? "unknown reason";
        throw new UploadError(jobId, `upload ${jobId} failed: ${reason}`, job);
      }
      if (Date.now() >= deadline) throw new UploadError(jobId, `upload ${jobId} still ${state} after the timeout`, job);
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}
