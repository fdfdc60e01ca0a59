// Browser test of the API reference at /docs: Debian's Chromium, driven by playwright-core,
// opens the page of a real gateway, types an API key into the reference and performs one
// call from it ("Test Request" → "Send") against the same gateway. Also checks that the page
// reaches no other host, breaks no CSP rule and keeps the key out of browser storage.
// Run by scripts/ci/sdks: `node --test test/docs-browser.mjs` (needs /usr/bin/chromium or
// $CHROMIUM).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { chromium } from "playwright-core";

import { FanslyGateway } from "../dist/index.js";
import { startStack } from "./harness.mjs";

let stack;
let browser;
let accountId;

before(async () => {
  stack = await startStack({ world: "small" });
  const gw = new FanslyGateway({ baseUrl: stack.root, apiKey: stack.apiKey });
  accountId = (await gw.connect({ username: stack.world.username, password: stack.world.password, name: "Docs", countryCode: "US" }))
    .account_id;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

test("/docs renders the reference and performs a call with the key typed in", async () => {
  const page = await browser.newPage();
  const foreign = [];
  const failed = [];
  const cspErrors = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(`${stack.root}/`) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) foreign.push(r.url());
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
  });

  await page.goto(`${stack.root}/docs#tag/accounts/GET/api/fansly/accounts`);
  // Search, examples and code samples are there.
  await page.getByRole("button", { name: /Open Search/ }).waitFor();
  await page.locator("code", { hasText: "curl" }).first().waitFor({ state: "attached" });

  // The key goes into the reference's authentication field, then one call is made from it.
  await page.locator("input[type=text]").first().fill(stack.apiKey);
  await page.getByRole("button", { name: /Test Request.*\(get \/api\/fansly\/accounts\)/ }).click();
  const [request, response] = await Promise.all([
    page.waitForRequest((r) => r.url() === `${stack.root}/api/fansly/accounts` && r.method() === "GET"),
    page.waitForResponse((r) => r.url() === `${stack.root}/api/fansly/accounts`),
    page.getByRole("button", { name: /^Send/ }).first().click(),
  ]).then(([req, res]) => [req, res]);
  assert.equal(request.headers()["x-api-key"], stack.apiKey, "the typed key is sent as x-api-key");
  assert.equal(response.status(), 200);
  const body = await response.json();
  assert.ok(body.data.accounts.some((a) => a.accountId === accountId), JSON.stringify(body));
  // The answer is shown in the page.
  await page.getByText(accountId).first().waitFor();
  await page.getByText("200 OK").first().waitFor();

  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes(stack.apiKey), "the key was kept in browser storage");
  assert.deepEqual(foreign, [], "the page reached another host");
  assert.deepEqual(failed, []);
  assert.deepEqual(cspErrors, []);
  await page.close();
});
