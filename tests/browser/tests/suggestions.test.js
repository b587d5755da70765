// Deputies' suggestions (issue 5) in headless Chromium against the real server with the demo
// data (started by ../run.sh), with every kind of user that touches an item:
// - deputies: the lead deputy drafts, a co-signer confirms, both rate the replies;
// - the office and the presidium: the office accepts, refers and closes, the presidium
//   puts the item under key supervision;
// - a handling organisation: starts, consults the deputy (面商), drafts and sends replies;
// - an integrating system: reads the closed item with an API key, as its scope allows.
// One suggestion goes from draft through referral, reply, a dissatisfied rating,
// re-handling and closure, and every deadline the page shows is checked to the day against
// a calculation made here (calendar months with the month-end clamp; working days with the
// official calendar that the server serves). Users outside the item's scope get 404.
//
// No sleeps: every step waits for what the page shows.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:8080";
const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password-1";
const ARTIFACTS = process.env.ARTIFACTS ?? "../../artifacts/browser";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const DATABASE_URL = process.env.DATABASE_URL;
const STEP = 30_000;
const TITLE = "关于改善兆通镇中心小学周边交通安全的建议（浏览器测试）";

mkdirSync(ARTIFACTS, { recursive: true });

let browser;
let token; // the administrator's, for set-up and checks through the API
let township;
let lead; // the lead deputy's page (`deputy`)
let cosigner; // the co-signer's page
let office; // the office's page (`office`)
let bureau; // the lead handling organisation's page (`bureau`)
let cosignerName;
let itemId;
let today; // Beijing date, YYYY-MM-DD
const errors = [];

async function api(path, { method = "GET", body, headers = {}, as = token } = {}) {
  const res = await fetch(BASE + "/api/v1" + path, {
    method,
    headers: {
      ...(body ? { "Content-Type": "application/json" } : {}),
      ...(as ? { Authorization: `Bearer ${as}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The status of a request, for checks that expect a refusal. */
async function statusOf(path, headers) {
  const res = await fetch(BASE + "/api/v1" + path, { headers });
  await res.arrayBuffer();
  return res.status;
}

async function shot(page, name) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

async function signedIn(username) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
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

// --- Dates, computed here independently of the server ---------------------------------

const iso = (d) => d.toISOString().slice(0, 10);
const parse = (s) => new Date(s + "T00:00:00Z");

/** `date` plus `n` calendar months; the 31st becomes the last day of a shorter month. */
function addMonths(s, n) {
  const d = parse(s);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last))));
}

/** The `n`th working day after `s`: weekends and public holidays are off, adjusted
 *  working days (调休) are worked, as the official calendar of each year lists them. */
async function addWorkingDays(s, n) {
  const years = new Map();
  const exceptions = async (y) => {
    if (!years.has(y)) {
      const cal = await api(`/working-calendar/${y}`);
      years.set(y, new Map(cal.days.map((d) => [d.date, d.kind])));
    }
    return years.get(y);
  };
  let d = parse(s);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() + 86_400_000);
    const kind = (await exceptions(d.getUTCFullYear())).get(iso(d));
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const working = kind === "workday" || (kind !== "holiday" && !weekend);
    if (working) left -= 1;
  }
  return iso(d);
}

/** The date a deadline row of the item page shows (`#deadlines`, by its label). */
async function deadline(page, label) {
  const dt = page.locator("#deadlines dt", { hasText: label }).first();
  return (await dt.locator("xpath=following-sibling::dd[1]").locator("time").textContent()).trim();
}

async function openItem(page) {
  await page.goto(`${BASE}/suggestions/${itemId}`);
  await page.locator("#suggestion-title").filter({ hasText: TITLE }).waitFor();
}

async function status(page, label) {
  await page.locator("#suggestion-status").filter({ hasText: label }).waitFor();
}

/** Opens a step's dialog, lets `fill` fill it, saves, and waits for the dialog to close. */
async function step(page, name, fill) {
  await page.locator("#steps").getByRole("button", { name, exact: true }).click();
  const dialog = page.locator("#step-dialog");
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.locator("#step-save").click();
  await dialog.waitFor({ state: "detached" });
}

async function click(page, name) {
  await page.locator("#steps").getByRole("button", { name, exact: true }).click();
}

before(async () => {
  const login = await api("/auth/login", { method: "POST", body: { username: "admin", password: PASSWORD } });
  token = login.access_token;
  const congresses = await api("/congresses");
  township = congresses.find((c) => c.name === "兆通镇人民代表大会");
  assert.ok(township, "the demo has the township 兆通镇");
  const self = await api("/auth/login", { method: "POST", body: { username: "deputy", password: PASSWORD } });
  const page = await api(`/deputies?congress_id=${township.id}&status=active&limit=5`);
  const other = page.items.find((d) => d.id !== self.user.deputy_id);
  cosignerName = other.name;
  // A second deputy login (the co-signer), made by the administrator; the presidium
  // member is the demo's `presidium` login.
  await api("/users", {
    method: "POST",
    body: { username: "cosigner", display_name: other.name, password: PASSWORD, role: "deputy", congress_id: township.id, deputy_id: other.id },
  });
  const now = new Date(Date.now() + 8 * 3_600_000);
  today = iso(now);

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  [lead, cosigner, office, bureau] = await Promise.all(
    ["deputy", "cosigner", "office", "bureau"].map((u) => signedIn(u)),
  );
});

after(async () => {
  await browser?.close();
});

describe("a suggestion from a deputy's draft to closure", () => {
  it("the lead deputy drafts it with a category and a co-signer, in the suggestions bundle", async () => {
    await lead.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "代表建议" }).click();
    await lead.getByRole("heading", { name: "我的建议" }).waitFor();
    // The suggestions screens are their own bundle, loaded for /suggestions addresses.
    const bundles = await lead.evaluate(() =>
      performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes(".wasm")),
    );
    assert.ok(bundles.some((n) => n.includes("/pkg/suggestions_bg.wasm")), bundles.join(", "));

    await lead.getByRole("link", { name: "新建建议" }).click();
    await lead.locator("#suggestion-form").waitFor();
    await lead.getByLabel("标题").fill(TITLE);
    await lead.getByLabel("内容").fill("中心小学门前道路上下学时段车流集中。\n建议增设护学岗、减速带和人行横道信号灯。");
    const categories = await api(`/suggestion-categories?congress_id=${township.id}`);
    const village = categories.find((c) => c.name === "村镇建设");
    assert.ok(village, "the demo taxonomy has 城乡建设 / 村镇建设");
    await lead.locator("#suggestion-category").selectOption(village.id);
    await lead.getByLabel("添加附议代表").fill(cosignerName);
    await lead.locator("#co-search-results").getByRole("button", { name: `添加 ${cosignerName}` }).click();
    await lead.locator("#co-signers").filter({ hasText: cosignerName }).waitFor();
    await shot(lead, "s01-draft-form");
    await lead.getByRole("button", { name: "保存草稿" }).click();
    await lead.locator("#suggestion-title").filter({ hasText: TITLE }).waitFor();
    itemId = lead.url().split("/").pop();
    await status(lead, "草稿");
    await lead.locator("#signers").filter({ hasText: "待确认" }).waitFor();
  });

  it("keeps the draft from everyone but its authors", async () => {
    for (const who of [office, bureau]) {
      await who.goto(`${BASE}/suggestions/${itemId}`);
      await who.locator(".banner-error").waitFor();
      assert.equal(await who.locator("#suggestion-title").count(), 0);
    }
    const login = await api("/auth/login", { method: "POST", body: { username: "office", password: PASSWORD } });
    assert.equal(await statusOf(`/suggestions/${itemId}`, { Authorization: `Bearer ${login.access_token}` }), 404);
  });

  it("refuses to submit before the co-signer confirms, then submits", async () => {
    await click(lead, "提交");
    await lead.locator(".banner-error").filter({ hasText: "尚有 1 位附议代表未确认附议" }).waitFor();
    await status(lead, "草稿");
    // The refusal is a code with its count: the English interface reads it in English.
    await lead.getByLabel("界面语言").selectOption("en");
    await lead
      .locator(".banner-error")
      .filter({ hasText: "1 co-signer(s) have not confirmed yet: the item cannot be submitted." })
      .waitFor();
    assert.doesNotMatch(await lead.locator(".banner-error").textContent(), /[\u4e00-\u9fff]{2}/);
    await lead.getByLabel("Language").selectOption("zh-CN");
    await lead.locator(".banner-error").filter({ hasText: "尚有 1 位附议代表未确认附议" }).waitFor();

    await openItem(cosigner);
    await click(cosigner, "确认附议");
    await cosigner.locator("#signers").filter({ hasText: "已确认" }).waitFor();

    await openItem(lead);
    await click(lead, "提交");
    await status(lead, "已提交");
    assert.equal(await deadline(lead, "提交日期"), today);
    // Referral within 7 working days of submission (local practice), holidays counted.
    assert.equal(await deadline(lead, "交办期限"), await addWorkingDays(today, 7));
    await shot(lead, "s02-submitted");
  });

  it("the office finds it in its inbox and on the board, accepts and refers it", async () => {
    await office.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "代表建议" }).click();
    await office.getByRole("heading", { name: "建议办理" }).waitFor();
    await office.locator("#suggestions-table").getByRole("link", { name: TITLE }).waitFor();
    // In November and December the office is warned while next year's official calendar
    // is missing (working-day limits reaching into it would count Monday to Friday only).
    const next = Number(today.slice(0, 4)) + 1;
    const nextYear = await api(`/working-calendar/${next}`);
    const warn = Number(today.slice(5, 7)) >= 11 && nextYear.days.length === 0;
    assert.equal(await office.locator("#calendar-missing").count(), warn ? 1 : 0);
    await office.locator("#view-board").click();
    await office.locator('#suggestion-board .board-col[data-status="submitted"]').getByRole("link", { name: TITLE }).waitFor();
    await shot(office, "s03-office-board");
    await office.locator('#suggestion-board').getByRole("link", { name: TITLE }).click();
    await status(office, "已提交");

    await step(office, "立案");
    await status(office, "已立案");
    await step(office, "交办", async (d) => {
      await d.getByLabel("主办单位").selectOption({ label: "镇规划建设办公室" });
      await d.getByLabel("镇农业农村办公室").check();
      assert.equal(await d.getByLabel("交办日期").inputValue(), today);
    });
    await status(office, "已交办");
    // DL 51: the reply is due 3 calendar months after referral.
    assert.equal(await deadline(office, "交办日期"), today);
    assert.equal(await deadline(office, "答复期限"), addMonths(today, 3));
    const returnDue = await addWorkingDays(today, 7);
    await office.locator("#referrals").filter({ hasText: `退回期限 ${returnDue}` }).first().waitFor();
    await shot(office, "s04-referred");
  });

  it("the presidium puts it under key supervision", async () => {
    const presidium = await signedIn("presidium");
    await openItem(presidium);
    await click(presidium, "列为重点督办");
    await presidium.locator(".badges").filter({ hasText: "重点督办" }).waitFor();
    await presidium.context().close();
  });

  it("the handling organisation starts, consults the deputy, replies", async () => {
    await bureau.goto(`${BASE}/suggestions`);
    await bureau.getByRole("heading", { name: "交办给本单位的建议" }).waitFor();
    await bureau.locator("#suggestions-table").getByRole("link", { name: TITLE }).click();
    await status(bureau, "已交办");
    await click(bureau, "开始办理");
    await status(bureau, "办理中");
    await step(bureau, "记录面商", async (d) => {
      await d.getByLabel("面商方式").selectOption("face_to_face");
      await d.getByLabel("参加人员").fill("规划建设办主任 王建国");
      await d.getByLabel("情况记录").fill("与代表现场查看校门口道路。");
    });
    await bureau.locator("#consultations").filter({ hasText: "王建国" }).waitFor();
    await step(bureau, "起草答复", async (d) => {
      await d.getByLabel("办理结果类别").selectOption("B");
      await d.getByLabel("答复内容").fill("已将护学岗纳入明年计划，减速带将于下月施工。");
    });
    await bureau.locator("#replies .is-draft").waitFor();
    // The draft is the organisation's own: the deputy does not see it yet.
    await openItem(lead);
    assert.equal(await lead.locator("#replies").count(), 0);

    bureau.once("dialog", (d) => d.accept());
    await bureau.locator("#replies").getByRole("button", { name: "发送答复" }).click();
    await status(bureau, "已答复");
    await shot(bureau, "s05-replied");
  });

  it("a dissatisfied rating sends it back with a new deadline of one month", async () => {
    await openItem(lead);
    await lead.locator("#replies").filter({ hasText: "已将护学岗纳入明年计划" }).waitFor();
    await step(lead, "满意度测评", async (d) => {
      await d.getByLabel("对办理态度").selectOption("satisfied");
      await d.getByLabel("对办理结果").selectOption("dissatisfied");
      await d.getByLabel("意见").fill("减速带不能解决根本问题。");
    });
    await openItem(cosigner);
    await step(cosigner, "满意度测评", async (d) => {
      await d.getByLabel("对办理态度").selectOption("satisfied");
      await d.getByLabel("对办理结果").selectOption("basically_satisfied");
    });
    await status(cosigner, "重新办理");
    assert.equal(await deadline(cosigner, "重新办理期限"), addMonths(today, 1));
    await cosigner.locator("#feedback").filter({ hasText: "不满意" }).waitFor();
    await shot(cosigner, "s06-rehandling");
  });

  it("the organisation consults again and replies in the second round", async () => {
    await openItem(bureau);
    await status(bureau, "重新办理");
    await step(bureau, "记录面商", async (d) => {
      await d.getByLabel("面商方式").selectOption("site_visit");
      await d.getByLabel("参加人员").fill("分管副镇长 李明");
    });
    await step(bureau, "起草答复", async (d) => {
      await d.getByLabel("办理结果类别").selectOption("A");
      await d.getByLabel("答复内容").fill("人行横道信号灯已安装，护学岗已于本周设立。");
    });
    bureau.once("dialog", (d) => d.accept());
    await bureau.locator("#replies .is-draft").getByRole("button", { name: "发送答复" }).click();
    await status(bureau, "已答复");
  });

  it("both signers are satisfied and the office closes it", async () => {
    for (const page of [lead, cosigner]) {
      await openItem(page);
      await step(page, "满意度测评", async (d) => {
        await d.getByLabel("对办理态度").selectOption("satisfied");
        await d.getByLabel("对办理结果").selectOption("satisfied");
      });
    }
    await status(cosigner, "已测评");
    await openItem(office);
    await step(office, "办结", async (d) => {
      await d.getByLabel("备注").fill("代表满意，办结。");
    });
    await status(office, "已办结");
    assert.equal(await deadline(office, "办结日期"), today);
    // Every step is in the history, with who took it.
    const history = await office.locator("#history").textContent();
    for (const s of [
      "起草 → 草稿", "确认附议", "提交 → 已提交", "立案 → 已立案", "交办 → 已交办", "重点督办",
      "开始办理 → 办理中", "面商", "答复 → 已答复", "满意度测评 → 已测评", "重新办理 → 重新办理", "办结 → 已办结",
    ]) {
      assert.ok(history.includes(s), `the history has ${s}`);
    }
    await shot(office, "s07-closed");
  });

  it("an integrating system reads it with its key; other organisations cannot", async () => {
    const user = await api("/users", {
      method: "POST",
      body: { username: "district-sync", display_name: "区人大系统", password: PASSWORD, role: "integration", congress_id: township.id },
    });
    const key = await api("/api-keys", { method: "POST", body: { user_id: user.id, name: "区人大同步", scopes: ["suggestions:read"] } });
    const item = await api(`/suggestions/${itemId}`, { as: null, headers: { "X-API-Key": key.key } });
    assert.equal(item.status, "closed");
    assert.equal(item.replies.filter((r) => r.sent_at).length, 2);
    // A key without the suggestions scope, and an organisation the item was not referred to.
    const registryKey = await api("/api-keys", { method: "POST", body: { user_id: user.id, name: "名册同步", scopes: ["registry:read"] } });
    assert.equal(await statusOf(`/suggestions/${itemId}`, { "X-API-Key": registryKey.key }), 403);
    const orgs = await api(`/handling-orgs?congress_id=${township.id}`);
    const other = orgs.find((o) => o.name === "镇社会事务办公室");
    await api(`/handling-orgs/${other.id}/users`, {
      method: "POST",
      body: { username: "social-affairs", display_name: "镇社会事务办公室", password: PASSWORD },
    });
    const outsider = await api("/auth/login", { method: "POST", body: { username: "social-affairs", password: PASSWORD } });
    const bearer = { Authorization: `Bearer ${outsider.access_token}` };
    for (const path of [`/suggestions/${itemId}`, `/suggestions/${itemId}/history`, `/suggestions/${itemId}/attachments`]) {
      assert.equal(await statusOf(path, bearer), 404, path);
    }
    const list = await api("/suggestions", { as: outsider.access_token });
    assert.ok(!list.items.some((s) => s.id === itemId));
  });
});

/** A submitted item of the `deputy` login, made through the API; accepted when asked. */
async function submittedItem(title, { accept = false } = {}) {
  const login = await api("/auth/login", { method: "POST", body: { username: "deputy", password: PASSWORD } });
  const categories = await api(`/suggestion-categories?congress_id=${township.id}`);
  const item = await api("/suggestions", {
    method: "POST",
    as: login.access_token,
    body: { kind: "suggestion", title, content: "浏览器测试的其他办理路径。", category_id: categories[0].id },
  });
  await api(`/suggestions/${item.id}/transitions`, { method: "POST", as: login.access_token, body: { action: "submit" } });
  if (accept) await api(`/suggestions/${item.id}/transitions`, { method: "POST", body: { action: "accept" } });
  return item.id;
}

async function openId(page, id) {
  await page.goto(`${BASE}/suggestions/${id}`);
  await page.locator("#suggestion-title").waitFor();
}

describe("other paths through the workflow", () => {
  it("the office does not accept a personal matter, and the deputy reads why", async () => {
    const id = await submittedItem("关于帮助解决本人子女入学问题的请求（浏览器测试）");
    await openId(office, id);
    await step(office, "不予立案", async (d) => {
      await d.getByLabel("不予立案的情形").selectOption("personal_matter");
      await d.getByLabel("理由").fill("属个人私事，建议通过教育部门窗口办理。");
    });
    await status(office, "不予立案");
    await openId(lead, id);
    await lead.locator("#not-accepted").filter({ hasText: "属个人私事，建议通过教育部门窗口办理" }).waitFor();
    // Nothing is left to do on it.
    assert.equal(await lead.locator("#steps").count(), 0);
  });

  it("a co-handler gives its input before the lead starts; the lead asks for an extension and the office approves it", async () => {
    const id = await submittedItem("关于整治镇区主干道占道经营的建议（浏览器测试）", { accept: true });
    const orgs = await api(`/handling-orgs?congress_id=${township.id}`);
    const agri = orgs.find((o) => o.name === "镇农业农村办公室");
    await api(`/handling-orgs/${agri.id}/users`, {
      method: "POST",
      body: { username: "agri", display_name: "镇农业农村办公室", password: PASSWORD },
    });
    await openId(office, id);
    await step(office, "交办", async (d) => {
      await d.getByLabel("主办单位").selectOption({ label: "镇农业农村办公室" });
      await d.getByLabel("镇规划建设办公室").check();
    });
    await status(office, "已交办");
    // The co-handler's input is due a month after referral.
    await office.locator("#referrals li", { hasText: "镇规划建设办公室" }).filter({ hasText: `协办意见期限 ${addMonths(today, 1)}` }).waitFor();

    await openId(bureau, id);
    assert.equal(await bureau.locator("#steps").getByRole("button", { name: "开始办理", exact: true }).count(), 0);
    await step(bureau, "起草答复", async (d) => {
      await d.getByLabel("办理结果类别").selectOption("B");
      await d.getByLabel("答复内容").fill("协办意见：建议划定临时摊区，由综合执法局配合整治。");
    });
    bureau.once("dialog", (d) => d.accept());
    await bureau.locator("#replies .is-draft").getByRole("button", { name: "发送答复" }).click();
    await bureau.locator("#referrals li", { hasText: "镇规划建设办公室" }).filter({ hasText: "已提交协办意见" }).waitFor();
    await status(bureau, "已交办");

    const agriPage = await signedIn("agri");
    await openId(agriPage, id);
    await click(agriPage, "开始办理");
    await status(agriPage, "办理中");
    await step(agriPage, "申请延期", async (d) => {
      await d.getByLabel("延期月数").selectOption("2");
      await d.getByLabel("理由").fill("需等待明年财政预算安排。");
    });
    await agriPage.locator("#extension-request").filter({ hasText: "2 个月" }).waitFor();
    assert.equal(await agriPage.locator("#steps").getByRole("button", { name: "申请延期", exact: true }).count(), 0);
    await agriPage.context().close();

    await openId(office, id);
    await step(office, "批准延期", async (d) => {
      await d.locator(".banner-info").filter({ hasText: "需等待明年财政预算安排" }).waitFor();
      await d.getByLabel("延期月数").selectOption("2");
      await d.getByLabel("批准情况和理由").fill("经主任会议同意延期两个月。");
    });
    await status(office, "已延期");
    // Counted from the referral: 3 + 2 months.
    assert.equal(await deadline(office, "答复期限"), addMonths(today, 5));
    assert.equal(await office.locator("#extension-request").count(), 0);
    await shot(office, "s09-extended");
  });

  it("an organisation returns an item outside its remit, and the office refers it again", async () => {
    const id = await submittedItem("关于调整镇区公交线路的建议（浏览器测试）", { accept: true });
    await openId(office, id);
    await step(office, "交办", async (d) => {
      await d.getByLabel("主办单位").selectOption({ label: "镇规划建设办公室" });
    });
    await openId(bureau, id);
    await step(bureau, "退回", async (d) => {
      await d.getByLabel("理由").fill("公交线路调整属区交通运输局职责。");
    });
    // Returned, it is no longer the organisation's: back to its list.
    await bureau.getByRole("heading", { name: "交办给本单位的建议" }).waitFor();
    await openId(office, id);
    await status(office, "已退回");
    await office.locator("#referrals").filter({ hasText: "公交线路调整属区交通运输局职责" }).waitFor();
    await step(office, "交办", async (d) => {
      await d.getByLabel("主办单位").selectOption({ label: "镇经济发展办公室" });
    });
    await status(office, "已交办");
  });

  it("the office forwards an item to the district congress and records its reply", async () => {
    const id = await submittedItem("关于区级财政支持镇污水管网改造的建议（浏览器测试）", { accept: true });
    await openId(office, id);
    await step(office, "转交上级人大", async (d) => {
      await d.getByLabel("转交机关").fill("长安区人大常委会");
      await d.getByLabel("对方编号").fill("长人建〔2026〕58号");
    });
    await status(office, "已交办");
    await office.getByText("长人建〔2026〕58号").first().waitFor();
    await click(office, "开始办理");
    await status(office, "办理中");
    await step(office, "起草答复", async (d) => {
      await d.getByLabel("办理结果类别").selectOption("B");
      await d.getByLabel("答复内容").fill("区住建局已将该镇污水管网改造列入明年计划。");
    });
    office.once("dialog", (d) => d.accept());
    await office.locator("#replies .is-draft").getByRole("button", { name: "发送答复" }).click();
    await status(office, "已答复");
    await openId(lead, id);
    await lead.locator("#replies").filter({ hasText: "长安区人大常委会" }).waitFor();
  });
});

describe("overdue items", () => {
  it("are marked in the office's list and found by the overdue filter", async () => {
    // An item submitted today, whose referral deadline (and so its current deadline,
    // `due_on`) is then moved into the past, as if it had been submitted weeks ago: the
    // list derives `overdue` from the deadline.
    const categories = await api(`/suggestion-categories?congress_id=${township.id}`);
    const deputyLogin = await api("/auth/login", { method: "POST", body: { username: "deputy", password: PASSWORD } });
    const late = await api("/suggestions", {
      method: "POST",
      as: deputyLogin.access_token,
      body: { kind: "opinion", title: "关于村卫生室延长开放时间的意见（逾期测试）", content: "村卫生室晚上无人值守。", category_id: categories[0].id },
    });
    await api(`/suggestions/${late.id}/transitions`, { method: "POST", as: deputyLogin.access_token, body: { action: "submit" } });
    assert.ok(DATABASE_URL, "run.sh passes DATABASE_URL");
    execFileSync("psql", [DATABASE_URL, "-q", "-c", `UPDATE suggestions SET referral_due = DATE '${today}' - 3, due_on = DATE '${today}' - 3 WHERE id = '${late.id}'`]);

    await office.goto(`${BASE}/suggestions?overdue=true`);
    const row = office.locator(`#suggestions-table tr[data-id="${late.id}"]`);
    await row.waitFor();
    assert.match(await row.getAttribute("class"), /is-overdue/);
    await row.locator(".badge-overdue").waitFor();
    assert.equal(await office.locator(`#suggestions-table tr[data-id="${itemId}"]`).count(), 0);
    await shot(office, "s08-overdue");
  });

  it("fit a phone-sized screen: the list, the item and the draft form", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "zh-CN" });
    const phone = await context.newPage();
    phone.setDefaultTimeout(STEP);
    phone.on("pageerror", (e) => errors.push(e.message));
    await phone.goto(BASE + "/login");
    await phone.getByLabel("用户名").fill("deputy");
    await phone.getByLabel("密码").fill(PASSWORD);
    await phone.getByRole("button", { name: "登录" }).click();
    await phone.locator("#current-user").waitFor();
    const fits = async (name) => {
      const { width, scroll } = await phone.evaluate(() => ({ width: window.innerWidth, scroll: document.documentElement.scrollWidth }));
      assert.ok(scroll <= width, `${name}: ${scroll} px wide on a ${width} px screen`);
      await shot(phone, `s10-phone-${name}`);
    };
    await phone.goto(`${BASE}/suggestions`);
    await phone.locator("#suggestions-table").waitFor();
    await fits("list");
    await openItem(phone);
    await phone.locator("#history li").first().waitFor();
    await fits("item");
    await phone.goto(`${BASE}/suggestions/new`);
    await phone.locator("#suggestion-form").waitFor();
    await fits("form");
    await context.close();
  });

  it("raised no script errors", () => {
    assert.deepEqual(errors, []);
  });
});
