// The office's assessment of 2022 from scheme to awards (issue 11), in headless Chromium
// against the real server with the demo data (started by ../run.sh):
// - the office starts a scheme from a template and saves it, creates a run of the fourth
//   quarter of 2022 with it and reads the ranking, as the API scores it;
// - the office gives a rater score (a score over 100 is refused on the page, nothing sent);
// - the run is published with an objection window, a deputy objects (through the API),
//   the office upholds the objection with an adjustment and the score follows; the run is
//   frozen;
// - the presidium confirms a proposed outstanding deputy with the date and the document
//   number (a missing number is refused on the page);
// - the office records a deputy's duty report and enters the ballots (more valid ballots
//   than representatives present is refused on the page, then corrected and saved).
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
const SCHEME = "2022年度代表履职考核细则（浏览器测试）";
const RUN = "2022年度代表履职考核（办公室浏览器测试）";

mkdirSync(ARTIFACTS, { recursive: true });

let browser;
let tokens = {}; // by login: [token, when], for set-up and checks through the API
let users = {};
let office; // the office on a desktop
let presidium; // a presidium member on a desktop
let runId;
const errors = [];
const writes = []; // every PUT and POST the pages send: a refusal on the page sends none

/** The writes sent to `path` (a part of the URL) since `since`. */
function sent(path, since) {
  return writes.filter((w) => w.at >= since && w.url.includes(path));
}

/** Signs in through the API (tokens live about a minute here: a new one when it is old). */
async function login(who) {
  const [token, at] = tokens[who] ?? [];
  if (token && Date.now() - at < 40_000) return token;
  const res = await fetch(BASE + "/api/v1/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: who, password: PASSWORD }),
  });
  assert.equal(res.status, 200, `login ${who}`);
  const body = await res.json();
  tokens[who] = [body.access_token, Date.now()];
  users[who] = body.user;
  return body.access_token;
}

async function api(path, { method = "GET", body, as = "office" } = {}) {
  const res = await fetch(BASE + "/api/v1" + path, {
    method,
    headers: {
      ...(body ? { "Content-Type": "application/json" } : {}),
      Authorization: `Bearer ${await login(as)}`,
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

async function signedIn(username) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP);
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => {
    if (["PUT", "POST"].includes(r.method())) writes.push({ url: r.url(), at: Date.now() });
  });
  await page.goto(BASE + "/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.locator("#current-user").waitFor();
  return page;
}

/** A date `days` from today in China Standard Time, as YYYY-MM-DD. */
function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

before(async () => {
  for (const who of ["office", "presidium", "deputy"]) await login(who);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  office = await signedIn("office");
  presidium = await signedIn("presidium");
});

after(async () => {
  await browser?.close();
});

describe("the office's assessment from scheme to awards", () => {
  it("starts a scheme from a template and runs the 2022 assessment with it", async () => {
    await office.goto(`${BASE}/assessment-schemes`);
    // The hundred-point template, with outstanding deputies chosen among all grades: the
    // rater scores, 30 of the 100 points, are not given here.
    const template = (await api("/assessment-scheme-templates")).find((t) => t.code === "bands_hundred");
    const start = office.locator("#new-scheme");
    await start.locator("#template").selectOption(template.code);
    await start.locator("#template-source").waitFor();
    await start.locator("#new-year").fill("2022");
    await start.locator("#start-scheme").click();
    const editor = office.locator("#scheme-editor");
    await editor.waitFor();
    await editor.locator("#scheme-name").fill(SCHEME);
    await editor.locator("#quota-grade").selectOption("poor");
    await editor.locator("#save-scheme").click();
    await editor.locator("#scheme-saved").waitFor();
    await editor.locator("#close-scheme").click();
    await editor.waitFor({ state: "detached" });
    await office.locator("#schemes tr", { hasText: SCHEME }).waitFor();
    const schemes = await api("/assessment-schemes");
    const scheme = (schemes.items ?? schemes).find((s) => s.name === SCHEME);
    assert.ok(scheme, "the scheme is saved");
    assert.deepEqual(scheme.definition.raters, template.definition.raters);
    assert.equal(scheme.definition.quota.min_grade, "poor");

    const me = await api("/auth/me");
    const terms = await api(`/congresses/${me.congress_id}/terms`);
    const term = terms.find((t) => t.starts_on <= "2022-12-31" && (t.ends_on ?? t.expected_ends_on) >= "2022-12-31");
    await office.goto(`${BASE}/assessment-runs`);
    await office.locator("#new-run").click();
    const form = office.locator("#new-run-form");
    await form.locator("#run-name").fill(RUN);
    await form.locator("#run-term").selectOption(term.id);
    await form.locator("#run-scheme").selectOption(scheme.id);
    await form.locator("#run-year").fill("2022");
    // The fourth quarter: the demo's 2022 yearly run is frozen already, and a period has
    // one frozen result.
    await form.locator("#run-quarter").selectOption("4");
    await form.locator("#create-run").click();
    await office.locator("#run-status").waitFor();
    runId = await office.locator("section[data-run]").getAttribute("data-run");
    const scores = await api(`/assessment-runs/${runId}/scores`);
    assert.ok(scores.scores.length > 10, "every deputy of the term is scored");
    const rows = office.locator("#ranking tbody tr");
    await rows.first().waitFor();
    assert.equal(await rows.count(), scores.scores.length);
    await shot(office, "o01-run-ranking");
  });

  it("gives an office score, refusing one over 100 on the page", async () => {
    const row = office.locator("#ratings [data-stage='office'] tbody tr[data-deputy]").first();
    await row.waitFor();
    const deputy = await row.getAttribute("data-deputy");
    const since = Date.now();
    await row.locator(".rating-score").fill("101");
    await row.locator(".save-rating").click();
    await row.locator(".field-error", { hasText: "0 至 100" }).waitFor();
    assert.deepEqual(sent("/ratings", since), [], "nothing sent");
    await row.locator(".rating-score").fill("88");
    await row.locator(".save-rating").click();
    await row.locator(".rating-saved").waitFor();
    const kept = await api(`/assessment-runs/${runId}/ratings?deputy_id=${deputy}`);
    assert.deepEqual(kept.map((r) => [r.stage, r.score]), [["office", 88]]);
  });

  it("publishes, upholds an objection with an adjustment, and freezes", async () => {
    await office.locator("#objections-until").fill(chinaDate(7));
    await office.locator("#run-publish").click();
    await office.locator("#run-freeze").waitFor();

    const me = users.deputy.deputy_id;
    const before = (await api(`/assessment-runs/${runId}/scores?deputy_id=${me}`)).scores.find((s) => s.deputy.deputy_id === me);
    await api(`/assessment-runs/${runId}/objections`, {
      method: "POST",
      as: "deputy",
      body: { item_key: null, text: "12月的视察我参加了，签到表漏记（浏览器测试）。" },
    });
    await office.reload();
    const objection = office.locator("#objections tr[data-objection]", { hasText: "签到表漏记" });
    await objection.locator("button.resolve").click();
    const dialog = office.locator("#resolve-objection");
    await dialog.locator("#resolution").fill("经核对签到表，补计一次视察。");
    await dialog.locator("#adjustment").fill("2");
    await dialog.locator("#adjustment").blur();
    await dialog.locator("#uphold-objection").click();
    await dialog.waitFor({ state: "detached" });
    await objection.locator("td", { hasText: "补计一次视察" }).waitFor();
    const after = (await api(`/assessment-runs/${runId}/scores?deputy_id=${me}`)).scores.find((s) => s.deputy.deputy_id === me);
    assert.notEqual(after.total, before.total, "the upheld objection changed the score");

    await office.locator("#close-early").check();
    await office.locator("#run-freeze").click();
    await office.locator("#run-actions a", { hasText: "表彰" }).waitFor();
    assert.equal((await api(`/assessment-runs/${runId}`)).status, "frozen");
    await shot(office, "o02-run-frozen");
  });

  it("the presidium confirms a proposed outstanding deputy with its document number", async () => {
    const proposed = (await api(`/awards?run_id=${runId}&status=proposed`, { as: "presidium" })).items;
    const award = proposed.find((a) => a.deputy_id && a.deputy_id !== users.presidium.deputy_id);
    assert.ok(award, "the frozen run proposes outstanding deputies");
    await presidium.goto(`${BASE}/awards`);
    const row = presidium.locator(`#awards tr[data-award="${award.id}"]`);
    await row.locator(".confirm-award").click();
    const dialog = presidium.locator("#decide-award");
    // Yesterday: not after today wherever the browser's clock is.
    await dialog.locator("#awarded-on").fill(chinaDate(-1));
    await dialog.locator("#decide-submit").click();
    await dialog.locator(".field-error").first().waitFor();
    await dialog.locator("#document-no").fill("兆人大〔2026〕9号");
    await dialog.locator("#decide-submit").click();
    await dialog.waitFor({ state: "detached" });
    const [kept] = (await api(`/awards?run_id=${runId}&status=confirmed`, { as: "presidium" })).items.filter((a) => a.id === award.id);
    assert.equal(kept.document_no, "兆人大〔2026〕9号");
    // The award enters the record of the year it was decided in.
    const record = await api(`/performance-records/${award.deputy_id}?year=${chinaDate(-1).slice(0, 4)}`);
    assert.ok(record.counts.counts.awards >= 1, "the award enters the record");
    await shot(presidium, "o03-award-confirmed");
  });

  it("records a duty report and its ballots, refusing more ballots than representatives", async () => {
    await office.goto(`${BASE}/duty-reports`);
    await office.locator("#report-year").selectOption("2022");
    const activity = await office.locator("#report-activity option:not([value=''])").first().getAttribute("value");
    await office.locator("#report-activity").selectOption(activity);
    await office.locator("#ballots tbody tr[data-report]").first().waitFor();
    const reported = new Set((await api(`/duty-reports?activity_id=${activity}`)).items.map((r) => r.deputy_id));
    const form = office.locator("#add-report");
    const before = Date.now();
    await form.locator("#new-report-save").click();
    await form.locator(".field-error").first().waitFor();
    assert.deepEqual(sent("/duty-reports", before), [], "nothing sent without a deputy");
    const options = await form.locator("#new-report-deputy option").evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
    const [deputy, name] = options.find(([v]) => v && !reported.has(v));
    await form.locator("#new-report-deputy").selectOption(deputy);
    await form.locator("#new-report-audience").fill("40");
    await form.locator("#new-report-form").selectOption("written");
    await form.locator("#new-report-save").click();
    const row = office.locator("#ballots tbody tr[data-report]", { hasText: name });
    await row.waitFor();

    const inputs = row.locator("input.count-input");
    await inputs.nth(0).fill("30");
    await inputs.nth(1).fill("8");
    await inputs.nth(2).fill("5");
    const since = Date.now();
    await row.locator(".save-ballots").click();
    await office.locator(".ballots-error").waitFor();
    assert.deepEqual(sent("/duty-reports", since), [], "nothing sent");
    await inputs.nth(2).fill("2");
    const put = office.waitForResponse((r) => r.url().includes("/api/v1/duty-reports/") && r.request().method() === "PUT");
    await row.locator(".save-ballots").click();
    assert.equal((await put).status(), 200);
    await office.locator(".ballots-error").waitFor({ state: "detached" });
    await row.locator(".rate", { hasText: "95" }).waitFor();
    const saved = (await api(`/duty-reports?activity_id=${activity}&deputy_id=${deputy}`)).items[0];
    assert.deepEqual([saved.audience, saved.form, saved.ballots.satisfied, saved.ballots.dissatisfied], [40, "written", 30, 2]);
    await shot(office, "o04-duty-report");
  });

  it("raised no errors in the page", () => {
    assert.deepEqual(errors, []);
  });
});
