// Publication of deputies' performance (issue 11, DL 58), in headless Chromium against
// the real server with the demo data (started by ../run.sh):
// - while the township publishes nothing, its public page says so to a visitor;
// - the office switches publication on with the inspections count ticked and saves;
// - a visitor, without signing in, opens the list of deputies, a deputy's page and the
//   year 2022, and reads the published counts; no ID number or phone reaches the page.
// The settings are put back as they were at the end.
//
// No sleeps: every step waits for what the page shows.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:8080";
const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password-1";
const ARTIFACTS = process.env.ARTIFACTS ?? "../../artifacts/browser";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const STEP = 30_000;

mkdirSync(ARTIFACTS, { recursive: true });

let browser;
let office;
let visitor;
let town;
const errors = [];

async function token() {
  const res = await fetch(BASE + "/api/v1/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "office", password: PASSWORD }),
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  town = body.user.congress_id;
  return body.access_token;
}

/** The township's settings and their version, through the API. */
async function settings() {
  const res = await fetch(`${BASE}/api/v1/congresses/${town}/publication-settings`, {
    headers: { Authorization: `Bearer ${await token()}` },
  });
  assert.equal(res.status, 200);
  return [await res.json(), res.headers.get("etag")];
}

async function page(context) {
  const p = await context.newPage();
  p.setDefaultTimeout(STEP);
  p.on("pageerror", (e) => errors.push(e.message));
  return p;
}

let before_settings;

before(async () => {
  await token();
  before_settings = (await settings())[0];
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  office = await page(await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" }));
  await office.goto(BASE + "/login");
  await office.getByLabel("用户名").fill("office");
  await office.getByLabel("密码").fill(PASSWORD);
  await office.getByRole("button", { name: "登录" }).click();
  await office.locator("#current-user").waitFor();
  visitor = await page(await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "zh-CN" }));
});

after(async () => {
  const [, etag] = await settings();
  await fetch(`${BASE}/api/v1/congresses/${town}/publication-settings`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${await token()}`, "Content-Type": "application/json", "If-Match": etag },
    body: JSON.stringify(before_settings),
  });
  await browser?.close();
});

describe("publication of deputies' performance", () => {
  it("tells a visitor that the township publishes nothing yet", async () => {
    assert.equal(before_settings.enabled, false, "the demo publishes nothing");
    await visitor.goto(`${BASE}/public/congresses/${town}`);
    await visitor.locator("#not-published").waitFor();
    assert.ok(visitor.url().includes("/public/congresses/"), `no sign-in asked: ${visitor.url()}`);
  });

  it("lets the office switch publication on with the inspections count", async () => {
    await office.goto(`${BASE}/publication`);
    const form = office.locator("#publication-form");
    await form.waitFor();
    await form.locator("#pub-enabled").check();
    await form.locator("#pub-count-inspections").check();
    await form.locator("#save-publication").click();
    await office.locator("#publication-saved").waitFor();
    const [saved] = await settings();
    assert.equal(saved.enabled, true);
    assert.ok(saved.counts.includes("inspections"), JSON.stringify(saved.counts));
    await office.screenshot({ path: join(ARTIFACTS, "publication-settings.png"), fullPage: true });
  });

  it("shows a visitor the deputies and a deputy's 2022 counts, without personal data", async () => {
    await visitor.goto(`${BASE}/public/congresses/${town}`);
    const list = visitor.locator("#public-deputies li");
    await list.first().waitFor();
    assert.ok((await list.count()) >= 60, "every township deputy is listed");
    const name = (await list.first().locator("a").innerText()).trim();
    await list.first().locator("a").click();
    await visitor.locator("#public-deputy h2", { hasText: name }).waitFor();
    await visitor.locator("#public-year").selectOption("2022");
    const inspections = visitor.locator('#public-counts dd[data-metric="inspections"]');
    await inspections.waitFor();
    assert.match(await inspections.innerText(), /^\d+$/);
    const text = await visitor.locator("main, body").first().innerText();
    assert.doesNotMatch(text, /\d{17}[\dXx]/, "no ID number");
    assert.doesNotMatch(text, /(?<!\d)1[3-9]\d{9}(?!\d)/, "no mobile number");
    await visitor.screenshot({ path: join(ARTIFACTS, "publication-deputy.png"), fullPage: true });
    assert.deepEqual(errors, []);
  });
});
