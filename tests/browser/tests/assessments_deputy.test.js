// 我的履职 and the office's review queue (issue 11) in headless Chromium against the real
// server with the demo data (started by ../run.sh):
// - the demo deputy opens 我的履职 on a phone (375×667): the 2022 record by sections, its
//   counts equal to what the API computes, nothing wider than the screen;
// - the deputy declares an entry with an attachment, the office approves it in the review
//   queue, and the record counts it; a second entry is rejected with a reason, which the
//   deputy reads;
// - a run of 2022 is published (set up through the API), the deputy reads their score item
//   by item and raises an objection against one item, which the office then sees.
//
// No sleeps: every step waits for what the page shows.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:8080";
const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password-1";
const ARTIFACTS = process.env.ARTIFACTS ?? "../../artifacts/browser";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const STEP = 30_000;
const APPROVED = "调解村民宅基地纠纷（浏览器测试）";
const REJECTED = "重复登记的走访（浏览器测试）";
const REASON = "该走访已由活动签到记录，不再重复登记。";

mkdirSync(ARTIFACTS, { recursive: true });

let browser;
let token; // the office's, for set-up and checks through the API
let deputyId;
let phone; // the deputy on a phone
let office; // the office on a desktop
let runId;
const errors = [];

async function api(path, { method = "GET", body, as = token } = {}) {
  const res = await fetch(BASE + "/api/v1" + path, {
    method,
    headers: {
      ...(body ? { "Content-Type": "application/json" } : {}),
      ...(as ? { Authorization: `Bearer ${as}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signedIn(username, viewport) {
  const context = await browser.newContext({ viewport, locale: "zh-CN", acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP);
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(BASE + "/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.locator("#current-user").waitFor();
  return page;
}

/** The count a record shows for a metric. */
async function shownCount(page, metric) {
  const text = await page.locator(`#record-counts [data-metric="${metric}"] .count-value`).textContent();
  return Number(text.trim());
}

/** Declares an entry through the form. */
async function declare(page, title, file) {
  await page.locator("#new-entry").click();
  const form = page.locator("#entry-form");
  await form.waitFor();
  const kinds = await form.locator("#entry-kind option").evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(kinds.length > 0, "the congress offers kinds of entries");
  await form.locator("#entry-kind").selectOption(kinds[0]);
  await form.getByLabel("标题").fill(title);
  await form.getByLabel("内容").fill("在村委会主持调解，双方达成书面协议。");
  if (file) await form.locator("#entry-files").setInputFiles(file);
  await form.locator("#entry-save").click();
  await form.waitFor({ state: "detached" });
  return page.locator("#entry-list .entry", { hasText: title });
}

before(async () => {
  const login = await api("/auth/login", { method: "POST", body: { username: "office", password: PASSWORD } });
  token = login.access_token;
  const self = await api("/auth/login", { method: "POST", body: { username: "deputy", password: PASSWORD } });
  deputyId = self.user.deputy_id;
  assert.ok(deputyId, "the demo deputy login is a deputy");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  phone = await signedIn("deputy", { width: 375, height: 667 });
  office = await signedIn("office", { width: 1280, height: 800 });
});

after(async () => {
  await browser?.close();
});

describe("a deputy's record, entries and objection", () => {
  it("shows the 2022 record by sections on a phone, as the API counts it", async () => {
    // The main navigation folds into the menu on a phone; 我的履职 is in it.
    await phone.locator("button.menu-toggle").click();
    await phone.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的履职" }).click();
    await phone.getByRole("heading", { name: "我的履职", level: 1 }).waitFor();
    const bundles = await phone.evaluate(() =>
      performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes(".wasm")),
    );
    assert.ok(bundles.some((n) => n.includes("/pkg/assessments_bg.wasm")), bundles.join(", "));

    await phone.goto(`${BASE}/my-record?year=2022`);
    await phone.locator("#record").waitFor();
    const record = await api(`/performance-records/${deputyId}?year=2022`);
    for (const metric of ["sessions_attended", "activities_attended", "suggestions_led", "suggestions_cosigned"]) {
      assert.equal(await shownCount(phone, metric), record.counts.counts[metric] ?? 0, metric);
    }
    for (const s of record.sections.filter((s) => s.section !== "basic")) {
      const lines = phone.locator(`#section-${s.section} .record-line`);
      assert.equal(await lines.count(), s.items.length, s.section);
    }
    assert.ok(record.sections.some((s) => s.items.length > 0), "the demo deputy has a 2022 record");
    await phone.locator("#section-meetings h2", { hasText: "参加会议" }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await shot(phone, "a01-my-record-phone");
  });

  it("an entry declared by the deputy is approved by the office and enters the record", async () => {
    await phone.goto(`${BASE}/my-record`);
    await phone.locator("#record").waitFor();
    const before = await shownCount(phone, "entries_approved");
    const file = join(ARTIFACTS, "mediation.txt");
    writeFileSync(file, "调解协议书（浏览器测试）\n");
    const entry = await declare(phone, APPROVED, file);
    await entry.locator(".badge", { hasText: "待审核" }).waitFor();
    await entry.getByRole("button", { name: "mediation.txt" }).waitFor();
    await shot(phone, "a02-entry-pending");

    await office.goto(`${BASE}/review`);
    const queued = office.locator("#review-entries .entry", { hasText: APPROVED });
    await queued.waitFor();
    await queued.getByRole("button", { name: "通过", exact: true }).click();
    await queued.waitFor({ state: "detached" });

    await phone.reload();
    await phone.locator("#entry-list .entry[data-status='approved']", { hasText: APPROVED }).waitFor();
    await phone.locator("#record").waitFor();
    assert.equal(await shownCount(phone, "entries_approved"), before + 1);
  });

  it("an entry rejected by the office shows its reason to the deputy; a pending one can be recalled", async () => {
    await declare(phone, REJECTED);
    await office.goto(`${BASE}/review`);
    const queued = office.locator("#review-entries .entry", { hasText: REJECTED });
    await queued.getByRole("button", { name: "不予通过" }).click();
    const dialog = office.locator("#reject-entry");
    await dialog.waitFor();
    // The reason is required: nothing is sent without it.
    await dialog.locator("#reject-entry-submit").click();
    await dialog.locator(".field-error").waitFor();
    await dialog.locator("#dialog-text").fill(REASON);
    await dialog.locator("#reject-entry-submit").click();
    await dialog.waitFor({ state: "detached" });
    await queued.waitFor({ state: "detached" });

    await phone.reload();
    const rejected = phone.locator("#entry-list .entry[data-status='rejected']", { hasText: REJECTED });
    await rejected.locator(".review-note", { hasText: REASON }).waitFor();
    assert.equal(await rejected.getByRole("button", { name: "撤回" }).count(), 0);

    const recalled = await declare(phone, "撤回的登记（浏览器测试）");
    await recalled.getByRole("button", { name: "撤回" }).click();
    await phone.locator("#entry-list .entry[data-status='recalled']", { hasText: "撤回的登记" }).waitFor();
    await shot(phone, "a03-entries");
  });

  it("the deputy reads their published score item by item and raises an objection", async () => {
    const me = await api("/auth/me");
    const terms = await api(`/congresses/${me.congress_id}/terms`);
    // The term in office at the end of 2022.
    const term = terms.find((t) => t.starts_on <= "2022-12-31" && (t.ends_on ?? t.expected_ends_on) >= "2022-12-31");
    assert.ok(term, "the demo township has a term in 2022");
    const templates = await api("/assessment-scheme-templates");
    const scheme = await api("/assessment-schemes", {
      method: "POST",
      body: { congress_id: me.congress_id, name: "浏览器测试考核细则", year: 2022, template: templates[0].code, definition: templates[0].definition },
    });
    const run = await api("/assessment-runs", {
      method: "POST",
      body: { term_id: term.id, scheme_id: scheme.id, name: "2022年度代表履职考核（浏览器测试）", year: 2022 },
    });
    runId = run.id;
    const until = new Date(Date.now() + 8 * 3_600_000 + 7 * 86_400_000).toISOString().slice(0, 10);
    await api(`/assessment-runs/${runId}/transitions`, {
      method: "POST",
      body: { step: "publish", objections_until: until },
    });

    await phone.goto(`${BASE}/my-record?year=2022`);
    const score = phone.locator(`#score .run-score[data-run="${runId}"]`);
    await score.locator("#score-total").waitFor();
    const api_scores = await api(`/assessment-runs/${runId}/scores?deputy_id=${deputyId}`);
    const own = api_scores.scores.find((s) => s.deputy.deputy_id === deputyId);
    assert.ok(own, "the deputy is scored");
    assert.equal(Number(await score.locator("#score-total").textContent()), own.total);
    assert.equal(await score.locator("#score-items tbody tr[data-item]").count(), own.items.length);
    await score.locator("#objection-window", { hasText: until }).waitFor();

    const item = own.items[0];
    await score.locator("#object").click();
    const dialog = phone.locator("#objection");
    await dialog.waitFor();
    await dialog.locator("#objection-choice").selectOption(item.key);
    await dialog.locator("#objection-text").fill("我参加的两次视察未计入，请核实。");
    await dialog.locator("#objection-submit").click();
    await dialog.waitFor({ state: "detached" });
    await score.locator("#objections li[data-status='open']", { hasText: "两次视察未计入" }).waitFor();
    await shot(phone, "a04-objection");

    const objections = await api(`/assessment-runs/${runId}/objections`);
    const mine = objections.find((o) => o.deputy_id === deputyId && o.item_key === item.key);
    assert.ok(mine, "the office sees the objection against the item");
    assert.equal(mine.status, "open");
  });

  it("raised no errors in the page", () => {
    assert.deepEqual(errors, []);
  });
});
