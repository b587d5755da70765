// The calendar and attendance screens (issue 4) in headless Chromium against the real
// server with the demo data (started by ../run.sh): the month and list views of the demo
// township's 2022, a session's quorum, creating an activity, inviting, the phone-sized
// check-in (with a record changed meanwhile by another clerk), leave asked by a deputy and
// approved by staff, the per-deputy view and attendance rates.
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
let desk; // the office's desktop page
let token; // an administrator's access token for set-up and checks through the API
let township;
let selfId; // the deputy of the `deputy` login
let training; // the activity created in the browser
let tomorrowMeeting; // a future activity for the leave request
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

async function shot(name, target = desk, fullPage = true) {
  await target.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

/** A signed-in page in a fresh context of the given size. */
async function signedIn(username, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
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

/** `YYYY-MM-DDTHH:MM` in Beijing time, `minutes` from now (what a datetime-local input takes). */
function beijingInput(minutes) {
  const d = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000);
  return d.toISOString().slice(0, 16);
}

const overflow = (p) =>
  p.evaluate(() => ({ width: window.innerWidth, scroll: document.documentElement.scrollWidth }));

before(async () => {
  const login = await api("/auth/login", { method: "POST", body: { username: "admin", password: PASSWORD } });
  token = login.access_token;
  const congresses = await api("/congresses");
  township = congresses.find((c) => c.name === "兆通镇人民代表大会");
  assert.ok(township, "the demo has the township 兆通镇");
  const self = await api("/auth/login", { method: "POST", body: { username: "deputy", password: PASSWORD } });
  selfId = self.user.deputy_id;
  assert.ok(selfId, "the demo deputy login has a deputy record");

  const start = new Date(Date.now() + 26 * 3_600_000);
  tomorrowMeeting = await api("/activities", {
    method: "POST",
    body: {
      congress_id: township.id,
      kind: "forum",
      title: "乡村振兴座谈会（浏览器测试）",
      organiser: { kind: "congress" },
      place: "镇政府三楼会议室",
      starts_at: start.toISOString(),
      ends_at: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    },
  });
  await api(`/activities/${tomorrowMeeting.id}/invitations`, { method: "POST", body: { deputy_ids: [selfId] } });

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  desk = await signedIn("admin");
});

after(async () => {
  await browser?.close();
});

describe("the office's calendar and attendance", () => {
  it("shows the demo township's January 2022 as a month and as a list", async () => {
    await desk.getByRole("link", { name: "活动日历" }).click();
    await desk.locator("#calendar").waitFor();
    await desk.goto(`${BASE}/calendar?month=2022-01&congress_id=${township.id}`);
    await desk.locator("#month-title").filter({ hasText: "2022年1月" }).waitFor();
    const cell = desk.locator('.cal-day[data-date="2022-01-25"]');
    await cell.locator(".cal-entry").filter({ hasText: "人民代表大会第一次会议" }).waitFor();
    // The session sat on 25 and 26 January: it shows on both days.
    await desk.locator('.cal-day[data-date="2022-01-26"] .cal-entry').filter({ hasText: "人民代表大会第一次会议" }).waitFor();
    // Weeks start on Monday: 2022-01-01 was a Saturday, so the grid opens on 27 December.
    assert.equal(await desk.locator(".cal-day").first().getAttribute("data-date"), "2021-12-27");
    await shot("m01-calendar-month");

    await desk.locator("#next-month").click();
    await desk.locator("#month-title").filter({ hasText: "2022年2月" }).waitFor();
    // The reception days (26th, 27th) and the liaison day (28th) recur every month.
    await desk.locator('.cal-day[data-date="2022-02-27"] .cal-entry').filter({ hasText: "接待日" }).waitFor();
    await desk.locator('.cal-day[data-date="2022-02-28"] .cal-entry').filter({ hasText: "联系代表" }).waitFor();
    assert.match(new URL(desk.url()).search, /month=2022-02/);

    await desk.locator("#view-list").click();
    await desk.locator(".cal-list").waitFor();
    const days = await desk.locator(".cal-list-date").allTextContents();
    assert.ok(days.some((d) => d.startsWith("2022-02-26")), `the list has the 26th: ${days}`);
    assert.match(new URL(desk.url()).search, /view=list/);
    await shot("m02-calendar-list");
  });

  it("opens the first session with its quorum and the 91 attending", async () => {
    await desk.goto(`${BASE}/calendar?month=2022-01&view=list&congress_id=${township.id}`);
    // Listed on both of its days, 25 and 26 January.
    const session = desk.locator(".cal-list .cal-entry").filter({ hasText: "人民代表大会第一次会议" });
    await session.first().waitFor();
    assert.equal(await session.count(), 2);
    await session.first().click();
    await desk.locator("#activity-title").filter({ hasText: "兆通镇第十届人民代表大会第一次会议" }).waitFor();
    await desk.locator("#quorum-valid").filter({ hasText: "会议有效" }).waitFor();
    assert.equal(await desk.locator("#count-attending").textContent(), "91");
    await desk.locator("#attendance-table tbody tr").nth(90).waitFor();
    assert.ok((await desk.locator("#attendance-table tbody tr").count()) >= 91);
    await shot("m03-session");
  });

  it("creates an activity that started ten minutes ago and invites every deputy", async () => {
    await desk.goto(`${BASE}/calendar`);
    await desk.locator("a.new-activity").click();
    await desk.locator("#activity-form").waitFor();
    // Client checks first: nothing filled in.
    await desk.locator("#save-activity").click();
    await desk.locator("#title-error").waitFor();
    await desk.locator("#kind").selectOption("training");
    await desk.locator("#title").fill("代表履职能力培训（浏览器测试）");
    await desk.locator("#starts_at").fill(beijingInput(-10));
    await desk.locator("#ends_at").fill(beijingInput(-20));
    await desk.locator("#place").fill("镇政府四楼会议室");
    await desk.locator("#save-activity").click();
    await desk.locator("#ends_at-error").filter({ hasText: "结束时间不能早于开始时间" }).waitFor();
    await desk.locator("#ends_at").fill(beijingInput(110));
    if (await desk.locator("#congress_id").count()) await desk.locator("#congress_id").selectOption(township.id);
    await desk.locator("#save-activity").click();
    await desk.locator("#activity-title").filter({ hasText: "代表履职能力培训（浏览器测试）" }).waitFor();
    training = new URL(desk.url()).pathname.split("/").pop();

    await desk.locator("#invite-all").click();
    await desk.getByRole("status").filter({ hasText: /新邀请 \d+ 人/ }).waitFor();
    const invited = await api(`/activities/${training}/attendance`);
    assert.ok(invited.length >= 60, `the township's deputies are invited (${invited.length})`);
    await desk.locator("#attendance-table tbody tr").nth(invited.length - 1).waitFor();
  });

  it("takes attendance on a phone, one tap per deputy", async () => {
    const phone = await signedIn("office", { width: 375, height: 667 });
    await phone.goto(`${BASE}/activities/${training}/check-in`);
    await phone.locator("#checkin-list .checkin-item").first().waitFor();
    const rows = await api(`/activities/${training}/attendance`);
    const [first, second, third] = rows;
    const total = rows.length;
    assert.equal(await phone.locator("#checkin-attending").textContent(), "0");

    await phone.locator("#checkin-search").fill(first.name.replace(/\s/g, ""));
    const item = phone.locator(`.checkin-item[data-name="${first.name}"]`);
    await item.locator('button[data-status="present"]').click();
    await phone.locator("#checkin-message").filter({ hasText: `${first.name}：出席` }).waitFor();
    await phone.locator("#checkin-attending").filter({ hasText: "1" }).waitFor();
    // Recorded ones leave the "not signed in" list.
    await item.waitFor({ state: "detached" });

    await phone.locator("#checkin-search").fill("");
    await phone.locator(`.checkin-item[data-name="${second.name}"] button[data-status="absent"]`).click();
    await phone.locator("#checkin-message").filter({ hasText: `${second.name}：缺席` }).waitFor();
    // "On leave" is offered only to someone with leave approved (nobody here).
    assert.equal(await phone.locator('#checkin-list button[data-status="on_leave"]').count(), 0);
    await shot("m04-check-in-375", phone);
    const o = await overflow(phone);
    assert.ok(o.scroll <= o.width + 1, `the check-in screen fits 375 px: ${JSON.stringify(o)}`);
    const buttonBox = await phone.locator('#checkin-list button[data-status="present"]').first().boundingBox();
    assert.ok(buttonBox.height >= 44, `buttons are large enough to tap (${buttonBox.height}px)`);

    // Another clerk records the third deputy meanwhile; this phone still has the old
    // version, so its tap is refused and the list reloaded instead of overwriting.
    await api(`/activities/${training}/attendance`, {
      method: "POST",
      body: { entries: [{ deputy_id: third.deputy_id, status: "late" }] },
    });
    await phone.locator(`.checkin-item[data-name="${third.name}"] button[data-status="present"]`).click();
    await phone.locator("#checkin-message").filter({ hasText: "刚被他人修改" }).waitFor();
    await phone.locator(`.checkin-item[data-name="${third.name}"]`).waitFor({ state: "detached" });

    const now = await api(`/activities/${training}/attendance`);
    const status = (id) => now.find((r) => r.id === id).status;
    assert.equal(status(first.id), "present");
    assert.equal(status(second.id), "absent");
    assert.equal(status(third.id), "late", "the other clerk's record stands");
    await phone.locator("#show-all").click();
    await phone.locator(".checkin-item").nth(total - 1).waitFor();

    // The activity has started: the office marks everyone not yet recorded as absent, in
    // one batch after a confirmation.
    const invited = now.filter((r) => r.status === "invited").length;
    assert.ok(invited > 0);
    await phone.locator("#mark-rest-absent").click();
    await phone.locator("#absent-dialog").waitFor();
    await phone.locator("#absent-confirm").click();
    await phone.locator("#checkin-message").filter({ hasText: `已记为缺席 ${invited} 人，未能记录 0 人` }).waitFor();
    await phone.locator("#mark-rest-absent").waitFor({ state: "detached" });
    const after = await api(`/activities/${training}/attendance`);
    assert.deepEqual(after.filter((r) => r.status === "invited"), [], "nobody is left invited");
    assert.equal(after.filter((r) => r.status === "absent").length, invited + 1);
    assert.equal(after.find((r) => r.id === third.id).status, "late", "recorded ones are kept");
    await phone.context().close();
  });

  it("marks the activity held and summarised, and shows it in the rates and on the deputy", async () => {
    await desk.goto(`${BASE}/activities/${training}`);
    await desk.locator("#count-attending").filter({ hasText: "2" }).waitFor();
    await desk.locator("#step-held").click();
    await desk.locator("#activity-status").filter({ hasText: "已举行" }).waitFor();
    await desk.locator("#step-summarised").click();
    await desk.locator("#step-dialog").waitFor();
    await desk.locator("#step-confirm").click();
    await desk.locator("#step-text-error").waitFor();
    await desk.locator("#step-text").fill("学习代表法修正案，交流履职经验。");
    await desk.locator("#step-confirm").click();
    await desk.locator("#activity-summary").filter({ hasText: "学习代表法修正案" }).waitFor();
    await desk.locator("#activity-status").filter({ hasText: "已形成纪要" }).waitFor();

    const rows = await api(`/activities/${training}/attendance`);
    const present = rows.find((r) => r.status === "present");
    await desk.goto(`${BASE}/deputies/${present.deputy_id}`);
    await desk.locator("#deputy-activities").getByRole("link", { name: "代表履职能力培训（浏览器测试）" }).waitFor();

    await desk.getByRole("link", { name: "出席统计" }).click();
    await desk.locator("#rates-table").waitFor();
    await desk.locator("#rates-kind").selectOption("training");
    const row = desk.locator("#rates-table tbody tr").filter({ hasText: present.name });
    await row.first().waitFor();
    const rate = await row.first().locator(".rate").textContent();
    assert.match(rate, /%$/);
    await desk.locator("#rates-group-by").selectOption("term");
    await desk.locator("#rates-table tbody tr").filter({ hasText: "第10届" }).first().waitFor();
    await shot("m05-rates");
  });

  it("lets a deputy ask for leave, which the office approves before the meeting", async () => {
    const dep = await signedIn("deputy", { width: 375, height: 667 });
    await dep.goto(`${BASE}/activities/${tomorrowMeeting.id}`);
    await dep.locator("#activity-title").filter({ hasText: "乡村振兴座谈会" }).waitFor();
    // A deputy sees no staff actions.
    assert.equal(await dep.locator("#invite-all").count(), 0);
    assert.equal(await dep.locator("#step-notified").count(), 0);
    await dep.locator("#ask-leave").click();
    await dep.locator("#leave-send").click();
    await dep.locator("#leave-reason-error").waitFor();
    await dep.locator("#leave-reason").fill("外出参加区里的农技培训");
    await dep.locator("#leave-send").click();
    await dep.getByRole("status").filter({ hasText: "请假申请已提交" }).waitFor();
    await dep.locator('#leave-requests li[data-leave="pending"]').waitFor();
    await shot("m06-leave-375", dep);
    await dep.context().close();

    await desk.goto(`${BASE}/activities/${tomorrowMeeting.id}`);
    await desk.locator('#leave-requests li[data-leave="pending"] .leave-approve').click();
    await desk.locator('#leave-requests li[data-leave="approved"]').waitFor();
    // Approved leave records the deputy as on leave; the check-in screen shows it so, with
    // "on leave" offered (and pressed) for them only.
    const rows = await api(`/activities/${tomorrowMeeting.id}/attendance`);
    assert.equal(rows.find((r) => r.deputy_id === selfId).status, "on_leave");
    await desk.goto(`${BASE}/activities/${tomorrowMeeting.id}/check-in`);
    await desk.locator("#everyone-recorded").waitFor();
    await desk.locator("#show-all").click();
    const item = desk.locator('.checkin-item[data-status="on_leave"]');
    await item.locator('button[data-status="on_leave"][aria-pressed="true"]').waitFor();
    assert.equal(await desk.locator('#checkin-list button[data-status="on_leave"]').count(), 1);
  });

  it("raised no errors in the page", () => {
    assert.deepEqual(errors, []);
  });
});
