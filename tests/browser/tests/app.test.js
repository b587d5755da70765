// End-to-end journey of the office staff through the web client, in headless Chromium
// against the real server and database (started by ../run.sh). The steps run in order and
// share one browser page, as one person's working session would.
//
// No sleeps: every step waits for what the page shows.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const BASE = process.env.BASE_URL ?? "http://127.0.0.1:8080";
const PASSWORD = process.env.DEMO_PASSWORD ?? "demo-password-1";
const ROSTER = process.env.ROSTER ?? "../../../shared/data/derived/npc14-roster.xlsx";
const ARTIFACTS = process.env.ARTIFACTS ?? "../../artifacts/browser";
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** Deputies the roster import creates (read from the dry run). */
let imported = 0;
const STEP = 30_000;
const IMPORT = 300_000;

mkdirSync(ARTIFACTS, { recursive: true });

/** @type {import('playwright-core').Browser} */
let browser;
/** @type {import('playwright-core').Page} */
let page;
let congressId;
let termId;
const errors = [];
let firstRefreshToken;
/** The page of the deputy 马旭. */
let maXuUrl;
/** What the import wizard preselects: the admin's own congress if it has a term, else the first with one. */
let expectedCongress;
let expectedTerm;
/** A township deputy whose address the demo `deputy` login may not see. */
let hiddenAddressId;

/** The session the client keeps in localStorage. */
const storedSession = () =>
  page.evaluate(() => JSON.parse(localStorage.getItem("renda.session") ?? "null"));

async function shot(name, target = page, fullPage = true) {
  await target.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

async function api(path, { method = "GET", token, body, headers = {} } = {}) {
  const res = await fetch(BASE + "/api/v1" + path, {
    method,
    headers: {
      ...(body ? { "Content-Type": "application/json" } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Rows of the deputies table (first cell of each is the name). */
const rows = () => page.locator("#deputies-table tbody tr");

/**
 * Two tabs of one browser share the session in localStorage. When the access token is due,
 * both renew it at the same moment; a refresh token is good for one use (a second use looks
 * like theft and ends the session), so the tabs must take turns, the second adopting the
 * tokens the first one got. Both tabs start with an expired token and reload at once, twice.
 */
async function bothTabsRefreshAtOnce(first, other, how) {
  for (const p of [first, other]) {
    p.setDefaultTimeout(STEP);
    if (p !== page) p.on("pageerror", (e) => errors.push(e.message));
  }
  const url = `${BASE}/deputies?congress_id=${congressId}`;
  const listed = (p) =>
    p.locator("#deputies-count").filter({ hasText: `共 ${imported} 名代表` }).waitFor();
  await Promise.all([first.goto(url), other.goto(url)]);
  await Promise.all([listed(first), listed(other)]);

  const sent = [];
  const onRequest = (r) => {
    if (new URL(r.url()).pathname === "/api/v1/auth/refresh") {
      sent.push(JSON.parse(r.postData() ?? "{}").refresh_token);
    }
  };
  first.on("request", onRequest);
  other.on("request", onRequest);
  const stored = () => first.evaluate(() => JSON.parse(localStorage.getItem("renda.session") ?? "null"));
  const expireNow = () =>
    first.evaluate(() => {
      const s = JSON.parse(localStorage.getItem("renda.session"));
      s.expires_at_ms = Date.now() - 1_000;
      localStorage.setItem("renda.session", JSON.stringify(s));
    });
  const before = (await stored()).refresh_token;

  await expireNow();
  await Promise.all([first.reload(), other.reload()]);
  await Promise.all([listed(first), listed(other)]);
  await first.locator("#current-user").waitFor();
  await other.locator("#current-user").waitFor();
  assert.ok(sent.length >= 1, "the session was refreshed");
  assert.equal(new Set(sent).size, sent.length, "no refresh token was sent twice");
  const after = await stored();
  assert.ok(after, "the session is still stored");
  assert.notEqual(after.refresh_token, before, "the refresh token was rotated");

  // The server still honours the session: another round of refreshes in both tabs works.
  await expireNow();
  await Promise.all([first.reload(), other.reload()]);
  await Promise.all([listed(first), listed(other)]);
  assert.equal(new Set(sent).size, sent.length, "no refresh token was sent twice");
  assert.equal(new URL(other.url()).pathname, "/deputies");
  assert.equal(new URL(first.url()).pathname, "/deputies");
  console.log(`two tabs refreshing at once (${how}): ${sent.length} refresh request(s), each with its own token`);
  first.off("request", onRequest);
  other.off("request", onRequest);
}

before(async () => {
  // The roster goes into a township congress of its own, under the demo district, with
  // the 14th term, made through the API as an administrator would.
  const login = await api("/auth/login", {
    method: "POST",
    body: { username: "admin", password: PASSWORD },
  });
  const token = login.access_token;
  const congresses = await api("/congresses", { token });
  const district = congresses.find((c) => c.level === "district");
  assert.ok(district, "the demo has a district congress");
  const congress = await api("/congresses", {
    method: "POST",
    token,
    body: { name: "第十四届全国人大代表名册（测试）", level: "township", parent_id: district.id },
  });
  congressId = congress.id;
  const term = await api(`/congresses/${congressId}/terms`, {
    method: "POST",
    token,
    body: { number: 14, starts_on: "2023-03-05" },
  });
  termId = term.id;

  const own = login.user.congress_id;
  const all = await api("/congresses", { token });
  for (const id of [own, ...all.map((c) => c.id).filter((id) => id !== own)]) {
    const terms = await api(`/congresses/${id}/terms`, { token });
    if (terms.length > 0) {
      expectedCongress = id;
      expectedTerm = terms[0].id;
      break;
    }
  }

  // A township deputy (not the `deputy` login's own record) gets an address and a phone.
  const township = all.find((c) => c.name === "兆通镇人民代表大会");
  const self = await api("/auth/login", { method: "POST", body: { username: "deputy", password: PASSWORD } });
  const listed = await api(`/deputies?congress_id=${township.id}&limit=5`, { token });
  const other = listed.items.find((d) => d.id !== self.user.deputy_id);
  const full = await api(`/deputies/${other.id}`, { token });
  const input = {};
  for (const k of ["external_id", "name", "gender", "ethnicity", "birth_date", "party", "workplace_post", "id_card_number", "notes"]) {
    if (full[k] != null) input[k] = full[k];
  }
  await api(`/deputies/${other.id}`, {
    method: "PUT",
    token,
    headers: { "If-Match": `"${full.version}"` },
    body: { ...input, phone: "13800001111", address: "兆通镇东兆通村1号" },
  });
  hiddenAddressId = other.id;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: "zh-CN",
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.setDefaultTimeout(STEP);
  page.on("pageerror", (e) => errors.push(e.message));
});

after(async () => {
  await browser?.close();
});

describe("office staff work in the web client", () => {
  it("sends a visitor to the login page, which is in Chinese by default", async () => {
    await page.goto(BASE + "/deputies");
    await page.locator("#login-title").waitFor();
    assert.equal(new URL(page.url()).pathname, "/login");
    assert.equal(await page.locator("#login-title").textContent(), "登录");
    assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
    await shot("01-login");
  });

  it("shows a readable message for a wrong password", async () => {
    await page.getByLabel("用户名").fill("admin");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("alert").filter({ hasText: "用户名或密码不正确" }).waitFor();
  });

  it("logs in and lands on the deputies list", async () => {
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.locator("#deputies-table").waitFor();
    assert.equal(new URL(page.url()).pathname, "/deputies");
    await page.locator("#current-user").filter({ hasText: "管理员" }).waitFor();
    firstRefreshToken = (await storedSession()).refresh_token;
    assert.ok(firstRefreshToken);
    await shot("02-deputies-demo");
  });

  it("keeps the session across a reload", async () => {
    await page.reload();
    await page.locator("#deputies-table").waitFor();
    assert.equal(new URL(page.url()).pathname, "/deputies");
    await page.locator("#current-user").waitFor();
  });

  it("imports the 14th NPC roster through the wizard: dry run, review, confirm", async () => {
    await page.getByRole("link", { name: "名册导入" }).click();
    await page.getByRole("heading", { name: "导入代表名册" }).waitFor();
    // Preselected: the user's own congress (or the first with a term) and its newest term.
    await page.waitForFunction(
      ([c, t]) =>
        document.querySelector("#import-congress")?.value === c && document.querySelector("#import-term")?.value === t,
      [expectedCongress, expectedTerm],
    );
    await page.locator("#import-congress").selectOption(congressId);
    await page.locator(`#import-term option[value="${termId}"]`).waitFor({ state: "attached" });
    await page.locator("#import-term").selectOption(termId);
    await page.locator("#import-file").setInputFiles(ROSTER);
    await shot("03-import-choose");
    await page.getByRole("button", { name: "检查文件（试导入）" }).click();

    await page.locator("#review-title").waitFor({ timeout: IMPORT });
    const count = async (id) => Number(await page.locator(`#${id} .stat-value`).textContent());
    const [total, created, errorRows] = [await count("sum-rows"), await count("sum-create"), await count("sum-error")];
    assert.equal(total, 2959, "the roster has 2,959 data rows");
    assert.ok(created > 2900, `most rows create a deputy (${created})`);
    assert.equal(created + errorRows, total, "a new term: every row is created or rejected");
    imported = created;
    // Where the rows go, prominently; the columns as the file's header and the field's label.
    await page.locator("#import-target").filter({ hasText: "第十四届全国人大代表名册（测试）" }).filter({ hasText: "第14届" }).waitFor();
    const columns = await page.locator("#columns-read li").allTextContents();
    assert.ok(columns.includes("姓名 → 姓名"), `the name column is labelled: ${columns}`);
    assert.ok(!columns.some((c) => /→ [a-z_]+$/.test(c)), `no internal field names: ${columns}`);
    // The table starts filtered to problems; the section headings are among them.
    await page.locator("#report-table").filter({ hasText: "中央 提名" }).first().waitFor();
    await shot("04-import-dry-run");
    await page.locator("#row-filter").selectOption("errors");
    const errorTable = page.locator("#report-table tbody tr");
    assert.equal(await errorTable.count(), errorRows);
    for (const text of await errorTable.allTextContents()) {
      assert.match(text, /分节标题/, "only section headings that crept into the table are rejected");
    }
    await page.locator("#row-filter").selectOption("all");
    assert.equal(await page.locator("#report-table tbody tr").count(), 100, "rows are paged by 100");

    await page.getByRole("button", { name: "确认导入" }).click();
    await page.locator("#done-title").filter({ hasText: "导入完成" }).waitFor({ timeout: IMPORT });
    assert.equal(Number(await page.locator("#sum-create .stat-value").textContent()), imported);
    await shot("05-import-done");
  });

  it("lists the real roster within a second of navigation, with the count", async () => {
    // From the import result to the list of the imported term: a client-side navigation.
    const started = Date.now();
    await page.getByRole("button", { name: "查看导入的代表" }).click();
    await page.locator("#deputies-count").filter({ hasText: `共 ${imported} 名代表` }).waitFor();
    await rows().first().waitFor();
    const inApp = Date.now() - started;
    assert.equal(await rows().count(), 50);

    // A full page load of the same list (wasm start-up included).
    const url = page.url();
    const loadStarted = Date.now();
    await page.goto(url);
    await page.locator("#deputies-count").filter({ hasText: `共 ${imported} 名代表` }).waitFor();
    await rows().first().waitFor();
    const fullLoad = Date.now() - loadStarted;

    // The page's own clock: from navigation start to the rows on screen.
    const sincePageStart = await page.evaluate(() => performance.now());
    console.log(
      `list render: ${inApp} ms after in-app navigation; ${fullLoad} ms for a full page load ` +
        `(${Math.round(sincePageStart)} ms by performance.now at first check) — ${imported} deputies`,
    );
    await shot("06-deputies-roster");
    // The requirement: the list on screen within 1 s of navigation. A full page load also
    // starts the wasm, so it gets a looser bound, but one a regression would still break.
    assert.ok(inApp <= 1_000, `in-app navigation took ${inApp} ms (at most 1000 ms)`);
    assert.ok(fullLoad <= 3_000, `full load took ${fullLoad} ms (at most 3000 ms)`);
  });

  it("pages forward and back with keyset cursors and sorts by name", async () => {
    // The count (a COUNT(*) on the server) is asked for once per set of filters, not for
    // every page or order: here the filters stay the same.
    const listRequests = [];
    const onRequest = (r) => {
      const u = new URL(r.url());
      if (u.pathname === "/api/v1/deputies") listRequests.push(u.searchParams);
    };
    page.on("request", onRequest);
    const first = await rows().first().locator("th").textContent();
    await page.getByRole("button", { name: /下一页/ }).click();
    await page.locator("#deputies-count").filter({ hasText: "第 51–100 名" }).waitFor();
    await page.getByRole("button", { name: /上一页/ }).click();
    await page.locator("#deputies-count").filter({ hasText: "第 1–50 名" }).waitFor();
    assert.equal(await rows().first().locator("th").textContent(), first);
    await page.locator("#deputies-table thead button", { hasText: "姓名" }).click();
    await page.locator('th[aria-sort="descending"]').waitFor();
    // Descending order puts another name first once the new page has arrived.
    await page.waitForFunction(
      (name) => document.querySelector("#deputies-table tbody tr th")?.textContent !== name,
      first,
    );
    await page.locator("#deputies-table thead button", { hasText: "姓名" }).click();
    await page.locator('th[aria-sort="ascending"]').waitFor();
    await page.waitForFunction(
      (name) => document.querySelector("#deputies-table tbody tr th")?.textContent === name,
      first,
    );
    await page.locator("#deputies-count").filter({ hasText: `共 ${imported} 名代表` }).waitFor();
    page.off("request", onRequest);
    assert.ok(listRequests.length >= 4, `pages and sorts were requested (${listRequests.length})`);
    for (const q of listRequests) {
      assert.equal(q.get("with_total"), null, `no count asked for ${q}`);
    }
  });

  it("filters by delegation and gender", async () => {
    await page.locator("#f-delegation").selectOption({ label: "北京市" });
    await page.locator("#f-gender").selectOption("female");
    await page.locator("#deputies-count").filter({ hasText: /共 \d+ 名代表/ }).waitFor();
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll("#deputies-table tbody td[data-label='性别']")];
      return cells.length > 0 && cells.every((c) => c.textContent === "女");
    });
    // Export of the filtered list.
    const firstName = await rows().first().locator("th").textContent();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "导出 CSV" }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^代表名册-\d{8}\.csv$/);
    const chunks = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk);
    const csv = Buffer.concat(chunks).toString("utf8");
    assert.match(csv, /姓名/);
    assert.ok(csv.includes(firstName), "the export holds the filtered deputies");
    assert.ok(!csv.includes("马旭"), "and only them (马旭 is a man)");
    await page.getByRole("button", { name: "清除筛选条件" }).first().click();
    await page.locator("#deputies-count").filter({ hasText: /共 \d+ 名代表/ }).waitFor();
    // No congress chosen and several in scope: each row names the congress and term.
    await page.locator("#deputies-table tbody td[data-label='人民代表大会']").filter({ hasText: /\S 第\d+届$/ }).first().waitFor();
  });

  it("finds 马旭 as you type and opens the deputy", async () => {
    await page.locator("#f-congress").selectOption(congressId);
    await page.getByLabel("按姓名查找").pressSequentially("马旭", { delay: 50 });
    await page.locator("#deputies-count").filter({ hasText: "共 1 名代表" }).waitFor();
    assert.ok(new URL(page.url()).searchParams.get("q") === "马旭", "the search is in the address");
    await shot("07-search");
    await page.getByRole("link", { name: "马旭", exact: true }).click();
    await page.locator("#deputy-name").filter({ hasText: "马旭" }).waitFor();
    await page.locator("#d-party").filter({ hasText: "民建" }).waitFor();
    await page.locator("#d-birth").filter({ hasText: "1963年9月" }).waitFor();
    await page.getByRole("heading", { name: "第14届" }).waitFor();
    await shot("08-deputy");
    maXuUrl = page.url();
  });

  it("edits a field and sees it saved", async () => {
    await page.getByRole("link", { name: "编辑" }).click();
    await page.locator("#name").waitFor();
    assert.equal(await page.locator("#name").inputValue(), "马旭");
    await page.getByLabel("联系电话").fill("13912345678");
    await page.getByLabel("外部编号").fill("npc14-maxu");
    await shot("09-edit");
    await page.getByRole("button", { name: "保存" }).click();
    await page.locator("#notice").filter({ hasText: "修改已保存" }).waitFor();
    await page.locator("#d-phone").filter({ hasText: "13912345678" }).waitFor();
    await page.locator("#d-external-id").filter({ hasText: "npc14-maxu" }).waitFor();
  });

  it("shows a field error for an invalid value, on the field", async () => {
    await page.getByRole("link", { name: "编辑" }).click();
    await page.locator("#phone").waitFor();
    await page.getByLabel("联系电话").fill("12345");
    await page.getByLabel("联系电话").blur();
    const error = page.locator("#phone-error");
    await error.filter({ hasText: "应为 11 位手机号或带区号的固定电话" }).waitFor();
    assert.equal(await page.getAttribute("#phone", "aria-invalid"), "true");
    assert.match(await page.getAttribute("#phone", "aria-describedby"), /phone-error/);
    // Saving is refused before anything is sent.
    await page.getByRole("button", { name: "保存" }).click();
    assert.equal(new URL(page.url()).pathname.endsWith("/edit"), true);
    await shot("10-field-error");
    // Corrected, the error goes away.
    await page.getByLabel("联系电话").fill("13912345678");
    await page.locator("#phone-error").waitFor({ state: "detached" });
    // Hints sit under their inputs: the inputs of a row line up.
    const misaligned = await page.evaluate(() => {
      const rows = new Map();
      for (const f of document.querySelectorAll(".deputy-form .form-grid > .field")) {
        const top = Math.round(f.getBoundingClientRect().top);
        const input = f.querySelector("input, select, textarea");
        if (!input) continue;
        rows.set(top, [...(rows.get(top) ?? []), [input.id, Math.round(input.getBoundingClientRect().top)]]);
      }
      return [...rows.values()].filter((r) => new Set(r.map(([, y]) => y)).size > 1);
    });
    assert.deepEqual(misaligned, [], "inputs in one row are aligned");
    await page.getByRole("link", { name: "取消" }).click();
    await page.locator("#deputy-name").waitFor();
  });

  it("shows the server's field error on the field (an external ID already taken)", async () => {
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "代表名册" }).click();
    await page.locator("#search").fill("马一德");
    await page.locator("#deputies-count").filter({ hasText: "共 1 名代表" }).waitFor();
    await page.getByRole("link", { name: "马一德", exact: true }).click();
    await page.locator("#deputy-name").filter({ hasText: "马一德" }).waitFor();
    await page.getByRole("link", { name: "编辑" }).click();
    await page.getByLabel("外部编号").fill("npc14-maxu");
    await page.getByRole("button", { name: "保存" }).click();
    await page.locator("#external_id-error").filter({ hasText: "该外部编号已被其他代表使用" }).waitFor();
    assert.equal(await page.getAttribute("#external_id", "aria-invalid"), "true");
    await shot("11-server-field-error");
    await page.getByRole("link", { name: "取消" }).click();
    await page.locator("#deputy-name").waitFor();
  });

  it("suspends a mandate after confirmation and shows it in the history", async () => {
    // With the keyboard: Enter opens the dialog with the focus inside, Escape closes it and
    // gives the focus back.
    const suspend = page.getByRole("button", { name: "暂停执行代表职务" });
    await suspend.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "暂停执行代表职务" });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), "status-reason");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "暂停执行代表职务");
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "确认暂停" }).click();
    await dialog.locator("#status-reason-error").waitFor();
    await dialog.getByLabel("原因").selectOption("in_custody");
    await shot("12-status-dialog");
    await dialog.getByRole("button", { name: "确认暂停" }).click();
    await page.locator("#notice").filter({ hasText: "代表状态已更新" }).waitFor();
    await page.locator(".mandate .badge").filter({ hasText: "暂停执行职务" }).waitFor();
    await page.locator(".history").filter({ hasText: "因刑事案件被羁押" }).waitFor();
  });

  it("edits the mandate's constituency and certificate number", async () => {
    await page.getByRole("button", { name: "编辑当选信息" }).click();
    const dialog = page.getByRole("dialog", { name: "编辑第14届当选信息" });
    await dialog.waitFor();
    assert.equal(await dialog.getByLabel("代表团").locator("option:checked").textContent(), "北京市");
    await dialog.getByLabel("选区").fill("北京市第一选区");
    await dialog.getByLabel("代表证号").fill("NPC14-0002");
    await dialog.getByRole("button", { name: "保存" }).click();
    await page.locator("#notice").filter({ hasText: "当选信息已保存" }).waitFor();
    await page.locator(".mandate").filter({ hasText: "北京市第一选区" }).filter({ hasText: "NPC14-0002" }).waitFor();
    // The card names the congress with the term.
    await page.locator(".mandate h3").filter({ hasText: "第十四届全国人大代表名册（测试） 第14届" }).waitFor();
    // The message follows a change of language.
    await page.getByLabel("界面语言").selectOption("en");
    await page.locator("#notice").filter({ hasText: "The mandate has been saved." }).waitFor();
    await page.getByLabel("Language").selectOption("zh-CN");
    await page.locator("#notice").filter({ hasText: "当选信息已保存" }).waitFor();
  });

  it("says plainly when a deputy does not exist, without a retry", async () => {
    await page.goto(`${BASE}/deputies/00000000-0000-7000-8000-000000000000`);
    await page.locator("#deputy-not-found").filter({ hasText: "代表不存在或不在您的权限范围内" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "重试" }).count(), 0);
    assert.notEqual((await page.locator('.breadcrumb [aria-current="page"]').textContent()).trim(), "");
    await page.getByRole("link", { name: "返回代表名册" }).click();
    await page.locator("#deputies-table").waitFor();
    await page.goto(maXuUrl);
    await page.locator("#deputy-name").filter({ hasText: "马旭" }).waitFor();
  });

  it("refuses control characters, on the field", async () => {
    // A NUL pasted into a text (from a broken export, say) is refused as the server refuses
    // it (a 422 on the field); the form says so on the field before anything is sent.
    await page.getByRole("link", { name: "编辑" }).click();
    await page.locator("#notes").waitFor();
    await page.locator("#notes").fill("会议记录\u0000附件");
    const saves = [];
    const onRequest = (r) => r.method() === "PUT" && saves.push(r.url());
    page.on("request", onRequest);
    await page.getByRole("button", { name: "保存" }).click();
    await page.locator("#notes-error").filter({ hasText: "控制字符" }).waitFor();
    page.off("request", onRequest);
    assert.deepEqual(saves, [], "nothing was sent");
    assert.equal(await page.getAttribute("#notes", "aria-invalid"), "true");
    assert.equal(new URL(page.url()).pathname.endsWith("/edit"), true);
    await shot("12b-control-characters");
    await page.getByRole("link", { name: "取消" }).click();
    await page.locator("#deputy-name").waitFor();
  });

  it("switches the language to English and back", async () => {
    await page.getByLabel("界面语言").selectOption("en");
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await nav.getByRole("link", { name: "Deputies", exact: true }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.getByRole("heading", { name: "Mandates" }).waitFor();
    await nav.getByRole("link", { name: "Deputies", exact: true }).click();
    await page.locator("#deputies-count").filter({ hasText: /\d+ deputies, showing/ }).waitFor();
    await page.locator("#deputies-table thead button", { hasText: "Name" }).waitFor();
    await shot("13-english");
    // The choice survives a reload.
    await page.reload();
    await page.locator("#deputies-count").filter({ hasText: /\d+ deputies, showing/ }).waitFor();
    await page.getByLabel("Language").selectOption("zh-CN");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "代表名册" }).waitFor();
  });

  it("explains problems with an import file in English in the English interface", async () => {
    await page.getByLabel("界面语言").selectOption("en");
    await page.goto(`${BASE}/import`);
    await page.getByRole("heading", { name: "Import a roster" }).waitFor();
    await page.locator("#import-congress").selectOption(congressId);
    await page.locator(`#import-term option[value="${termId}"]`).waitFor({ state: "attached" });
    await page.locator("#import-term").selectOption(termId);
    const check = page.getByRole("button", { name: "Check the file (dry run)" });

    // No header naming the name column: the file is refused as a whole.
    await page.locator("#import-file").setInputFiles({
      name: "no-header.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("编号,单位\n1,北京市\n"),
    });
    await check.click();
    const refused = page.getByRole("alert").filter({ hasText: "No “姓名” column found in the header" });
    await refused.waitFor();
    assert.doesNotMatch(await refused.textContent(), /文件前|没有找到/, "not the server's Chinese text");
    await shot("13b-import-error-english");

    // A title row above the header and a column that is not a roster field: notes on the
    // whole file, with the row number and the column named.
    await page.locator("#import-file").setInputFiles({
      name: "title-row.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("代表名单\n姓名,性别,代表团,自定义列\n测试代表,男,北京市,x\n"),
    });
    await check.click();
    const notes = page.locator(".banner").filter({ hasText: "About the whole file" });
    await notes.filter({ hasText: "The header is on row 2; the title row above it was skipped." }).waitFor();
    await notes.filter({ hasText: "Columns not recognised, ignored: 自定义列." }).waitFor();
    const columns = await page.locator("#columns-read li").allTextContents();
    assert.ok(columns.includes("性别 → Gender"), `columns in English: ${columns}`);
    assert.doesNotMatch(await notes.textContent(), /已跳过|已忽略/, "not the server's Chinese text");
    await shot("13c-import-notes-english");

    await page.goto(`${BASE}/deputies`);
    await page.getByLabel("Language").selectOption("zh-CN");
    await page.locator("#deputies-count").filter({ hasText: /共 \d+ 名代表/ }).waitFor();
  });

  it("is usable on a phone-sized screen", async () => {
    // Another device: its own login (sharing the refresh token would look like a stolen one).
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
    });
    const small = await phone.newPage();
    small.setDefaultTimeout(STEP);
    small.on("pageerror", (e) => errors.push(e.message));
    await small.goto(`${BASE}/deputies?congress_id=${congressId}`);
    await small.getByLabel("用户名").fill("admin");
    await small.getByLabel("密码").fill(PASSWORD);
    await shot("14-phone-login", small, false);
    await small.getByRole("button", { name: "登录" }).click();
    // Back where the link pointed, filters included.
    await small.locator("#deputies-count").filter({ hasText: `共 ${imported} 名代表` }).waitFor();
    await small.locator("#deputies-table tbody tr").first().waitFor();
    assert.equal(new URL(small.url()).searchParams.get("congress_id"), congressId);
    await shot("15-phone-list", small, false);
    // The filters beyond the name search fold away on a phone.
    await small.locator("#f-status").waitFor({ state: "hidden" });
    await small.getByRole("button", { name: /更多筛选条件/ }).click();
    await small.locator("#f-status").waitFor();
    const menu = small.getByRole("button", { name: "菜单" });
    await menu.click();
    await small.getByRole("link", { name: "名册导入" }).waitFor();
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(overflow, false, "nothing is wider than the screen");
    await shot("16-phone-menu", small, false);
    await phone.close();
  });

  it("fits a 375×667 screen: the deputy page and the import wizard", async () => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "zh-CN",
    });
    const small = await phone.newPage();
    small.setDefaultTimeout(STEP);
    small.on("pageerror", (e) => errors.push(e.message));
    const overflow = () =>
      small.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll("body *")]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > width + 1 && getComputedStyle(el).position !== "fixed";
          })
          .filter((el) => !el.closest(".table-wrap, .report-wrap, [data-scroll-x]"))
          .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")}`);
        return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8) };
      });
    await small.goto(maXuUrl);
    await small.getByLabel("用户名").fill("admin");
    await small.getByLabel("密码").fill(PASSWORD);
    await small.getByRole("button", { name: "登录" }).click();
    await small.locator("#deputy-name").filter({ hasText: "马旭" }).waitFor();
    await small.getByRole("heading", { name: "第14届" }).waitFor();
    await shot("17-375-deputy", small);
    let o = await overflow();
    assert.ok(o.scroll <= o.width + 1, `the deputy page fits 375 px: ${JSON.stringify(o)}`);

    await small.goto(`${BASE}/import`);
    await small.getByRole("heading", { name: "导入代表名册" }).waitFor();
    await small.locator("#import-congress").selectOption(congressId);
    await small.locator(`#import-term option[value="${termId}"]`).waitFor({ state: "attached" });
    await small.locator("#import-term").selectOption(termId);
    await small.locator("#import-file").setInputFiles(ROSTER);
    await shot("18-375-import-choose", small);
    o = await overflow();
    assert.ok(o.scroll <= o.width + 1, `the import form fits 375 px: ${JSON.stringify(o)}`);
    await small.getByRole("button", { name: "检查文件（试导入）" }).click();
    await small.locator("#review-title").waitFor({ timeout: IMPORT });
    await shot("19-375-import-review", small, false);
    await small.locator("#report-table").scrollIntoViewIfNeeded();
    await shot("20-375-import-rows", small, false);
    o = await overflow();
    assert.ok(o.scroll <= o.width + 1, `the import review fits 375 px: ${JSON.stringify(o)}`);
    await phone.close();
  });

  it("has refreshed its token while the user worked, without interrupting them", async () => {
    // run.sh gives access tokens 65 s, so they are due for renewal after 5 s of work.
    const session = await storedSession();
    assert.notEqual(session.refresh_token, firstRefreshToken, "the refresh token was rotated");
    assert.ok(session.expires_at_ms > Date.now(), "the access token is current");
    await page.reload();
    await page.locator("#deputies-count").filter({ hasText: /共 \d+ 名代表/ }).waitFor();
  });

  it("keeps two tabs signed in when both refresh the session at once", async () => {
    const other = await page.context().newPage();
    await bothTabsRefreshAtOnce(page, other, "navigator.locks");
    await other.close();
  });

  it("keeps two tabs signed in without the Web Locks API too (a localStorage lease)", async () => {
    // Served over plain HTTP from another host, a page has no navigator.locks.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, "locks", { get: () => undefined, configurable: true });
    });
    const first = await context.newPage();
    first.setDefaultTimeout(STEP);
    first.on("pageerror", (e) => errors.push(e.message));
    await first.goto(`${BASE}/deputies?congress_id=${congressId}`);
    await first.getByLabel("用户名").fill("admin");
    await first.getByLabel("密码").fill(PASSWORD);
    await first.getByRole("button", { name: "登录" }).click();
    await first.locator("#deputies-table").waitFor();
    assert.equal(await first.evaluate(() => navigator.locks), undefined);
    await bothTabsRefreshAtOnce(first, await context.newPage(), "localStorage lease");
    await context.close();
  });

  it("shows a hidden address as hidden to a role that does not see personal data", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
    const other = await context.newPage();
    other.setDefaultTimeout(STEP);
    other.on("pageerror", (e) => errors.push(e.message));
    await other.goto(`${BASE}/deputies/${hiddenAddressId}`);
    await other.getByLabel("用户名").fill("deputy");
    await other.getByLabel("密码").fill(PASSWORD);
    await other.getByRole("button", { name: "登录" }).click();
    await other.locator("#masked-notice").waitFor();
    assert.equal((await other.locator("#d-address dd").textContent()).trim(), "已隐藏");
    const phone = (await other.locator("#d-phone dd").textContent()).trim();
    assert.notEqual(phone, "已隐藏");
    assert.notEqual(phone, "13800001111", "the phone is masked");
    await shot("21-masked", other);
    await context.close();
  });

  it("logs out", async () => {
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.locator("#login-title").waitFor();
    assert.equal(new URL(page.url()).pathname, "/login");
    await page.locator("#notice").filter({ hasText: "已退出登录" }).waitFor();
    // The session is gone: the list asks for a login again.
    await page.goto(BASE + "/deputies");
    await page.locator("#login-title").waitFor();
  });

  it("raised no errors in the page", () => {
    assert.deepEqual(errors, []);
  });
});
