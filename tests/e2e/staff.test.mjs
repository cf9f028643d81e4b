// The staff console in Debian's Chromium against the real server (SQLite, aiosmtpd), working on
// 2026-04-20 (--today): 1,000 files seeded through the API, a school director's and a
// directorate officer's review done through the console, each decision checked where the
// parent and the audit trail see it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { execFileSync } from "node:child_process";
import { launch, openApp, artifactDir, sourceDir, settle, shootPage } from "./browser.mjs";
import { startProduct } from "./server.mjs";
import { t as parentText, catalogueMessages, onScreen, press, type } from "./flow.mjs";
import { totp } from "../support/totp.mjs";

const catalogues = Object.fromEntries(["ar", "fr"].map((l) =>
  [l, { ...catalogueMessages(`${l}.json`), ...catalogueMessages(`staff/${l}.json`) }]));
/** A console text of `key` in `lang`, with {params} filled. */
function t(lang, key, params = {}) {
  let text = catalogues[lang][key];
  if (text === undefined) throw new Error(`no ${key} in ${lang}`);
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, v);
  return text;
}

const today = "2026-04-20";
// The seeded files were made the day before: the server runs on that date at the real time of
// day (--today), so a time stamp of the same morning would be in its future before 08:00 UTC.
const dayBefore = "2026-04-19";
const clockAt = `${today}T09:00:00`;
const sample = JSON.parse(readFileSync(join(sourceDir, "assets", "samples", "electronic-file.json"), "utf8"));
let env, product;
/** Files seeded, by school: {reference, birth_date, outcome}. */
const seeded = {};
const accounts = {
  school: ["martil.director", "martil director 2026", "school", "57303B"],
  bulk: ["martil.a.director", "martil A director 2026", "school", "57303A"],
  other: ["mdiq.director", "mdiq director 2026!", "school", "57301A"],
  province: ["mdiq.province", "mdiq province 2026!", "directorate", "01.573"],
  otherProvince: ["fahs.province", "fahs province 2026!", "directorate", "01.227"],
};

/** @param {string} path @param {{method?: string, token?: string, body?: any}} [options] */
async function api(path, { method = "GET", token = "", body = undefined } = {}) {
  const res = await fetch(new URL(path, product.url), {
    method, body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "Content-Type": "application/json", "Accept-Language": "fr", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
async function tokenOf(account) {
  const [username, password] = accounts[account];
  const r = await api("/api/v1/staff/sessions", { method: "POST", body: { username, password } });
  assert.equal(r.status, 201);
  return r.body.token;
}

/** A given name for the i-th child (names are letters only): 0 → "Ba", 12 → "Bcd"… */
const nameOf = (i) => "B" + [...String(i)].map((d) => "abcdefghij"[Number(d)]).join("") + "a";

/** One file of the sample family: its child's names, birth date and school vary. */
function file(i, school, birth) {
  return {
    ...sample, file_id: randomUUID(), created_at: `${dayBefore}T08:00:00Z`, submitted_at: `${dayBefore}T08:05:00Z`,
    child: { ...sample.child, given_name_latin: nameOf(i), given_name_ar: "سلمى", birth_date: birth,
             civil_status: { ...sample.child.civil_status, act_year: Number(birth.slice(0, 4)) } },
    school_choice: { school_code: school },
  };
}

before(async () => {
  // Every client here shares one address (loopback): room for the seeding, the browser, and the
  // log-ins of every test (the failure counts still apply: they are what a test here checks).
  product = await startProduct({ args: ["--today", today, "--max-connections-per-client", "256", "--rate-login", "120"] });
  for (const a of Object.values(accounts)) product.createStaff(...a);
  // 1,000 files: 700 for 57303B (eligible, some late starters to review, some too young and
  // refused at once), 250 for 57303A (200 eligible), 50 for 57301A.
  const plan = [];
  for (let i = 0; i < 1000; ++i) {
    const school = i < 700 ? "57303B" : i < 950 ? "57303A" : "57301A";
    const k = i % 10;
    const birth = school === "57303A" ? (i < 900 ? "2020-09-14" : "2019-12-01")
      : k === 7 ? "2019-12-01" : k === 8 ? "2021-06-01" : "2020-09-14";
    plan.push([i, school, birth]);
  }
  for (let i = 0; i < plan.length; i += 16) {
    await Promise.all(plan.slice(i, i + 16).map(async ([n, school, birth]) => {
      const r = await api("/api/v1/files", { method: "POST", body: file(n, school, birth) });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      (seeded[school] ||= []).push({ reference: r.body.reference, birth, status: r.body.status });
    }));
  }
  env = await launch();
  mkdirSync(artifactDir, { recursive: true });
});

after(async () => {
  await env?.close();
  await product?.stop();
});

async function openConsole(lang = "fr", viewport = { width: 1280, height: 900 }) {
  const opened = await openApp(env.browser, new URL("/staff/", product.url).href, { clockAt, viewport });
  const { page } = opened;
  await page.addInitScript(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
  await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
  if (lang !== "ar") {
    await page.getByRole("button", { name: lang === "fr" ? "Français" : "العربية", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: t(lang, "ui.staff.login.heading") }).waitFor();
  }
  return opened;
}

async function logIn(page, lang, account) {
  const [username, password] = accounts[account];
  await page.getByLabel(t(lang, "ui.staff.field.username"), { exact: true }).fill(username);
  await page.getByLabel(t(lang, "ui.staff.field.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t(lang, "ui.staff.login.button"), exact: true }).click();
}

const grid = (page) => page.getByRole("grid");
async function listed(page) {
  await grid(page).waitFor();
  await settle(page, 200);
}
async function filter(page, lang, label, value) {
  await page.getByLabel(t(lang, label), { exact: true }).selectOption(value);
  await settle(page, 400);
}
async function openRow(page, reference) {
  await page.getByRole("button", { name: reference, exact: true }).click();
  try {
    await page.getByRole("heading", { level: 1, name: t("fr", "ui.staff.file.heading", { reference }) }).waitFor({ timeout: 10000 });
    await page.locator("#file-status").waitFor({ timeout: 10000 });
  } catch (error) {
    await page.screenshot({ path: join(artifactDir, `staff-failed-${reference}.png`) });
    throw error;
  }
}
/** @param {any} page @param {string} lang @param {{decision: string, reason?: string, note?: string}} choice */
async function decide(page, lang, { decision, reason, note }) {
  await page.getByRole("radio", { name: t(lang, `ui.staff.decide.${decision}`), exact: true }).check();
  await settle(page, 100);
  if (reason) await page.getByLabel(t(lang, "ui.staff.decide.reason"), { exact: true }).selectOption(reason);
  if (note) await page.getByLabel(t(lang, "ui.staff.decide.note"), { exact: true }).fill(note);
  await settle(page, 100);
  await page.getByRole("button", { name: t(lang, "ui.staff.decide.preview"), exact: true }).click();
  await page.getByRole("button", { name: t(lang, "ui.staff.decide.confirm"), exact: true }).waitFor();
}
async function statusOf(reference, birth) {
  return api(`/api/v1/files/${reference}?birth_date=${birth}`);
}

test("a school director filters to eligible files, approves one, rejects one; the parent sees both", async () => {
  const { page, context, errors } = await openConsole("fr");
  await shootPage(page, join(artifactDir, "staff-login.fr.png"));
  await logIn(page, "fr", "school");
  await listed(page);
  // Counts per status and the school's places are in view; the grid knows every file.
  await page.locator("#counts").waitFor();
  assert.equal(await grid(page).getAttribute("aria-rowcount"), String(700 + 1));
  await filter(page, "fr", "ui.staff.filter.outcome", "eligible");
  await page.locator("#list-count").filter({ hasText: t("fr", "ui.staff.list.count", { total: "560" }) }).waitFor();
  assert.equal(await grid(page).getAttribute("aria-rowcount"), "561");
  const row2 = page.locator("[role=row][aria-rowindex='2']");
  assert.equal(await row2.count(), 1);
  await shootPage(page, join(artifactDir, "staff-list.fr.png"));

  const first = await page.locator("[role=row][aria-rowindex='2'] button").innerText();
  const second = await page.locator("[role=row][aria-rowindex='3'] button").innerText();
  await openRow(page, first);
  await shootPage(page, join(artifactDir, "staff-file.fr.png"));
  await decide(page, "fr", { decision: "approve" });
  // The confirmation shows what the guardian will be told, in their language (Arabic).
  await page.locator("#decision-preview-text").filter({ hasText: "تم قبول" }).waitFor();
  await shootPage(page, join(artifactDir, "staff-preview.fr.png"));
  await page.getByRole("button", { name: t("fr", "ui.staff.decide.confirm"), exact: true }).click();
  await page.locator("#decision-done").waitFor();
  await page.getByRole("button", { name: t("fr", "ui.staff.back_list"), exact: true }).click();
  // Focus is back on the row of the file decided.
  await page.waitForFunction((id) => document.activeElement?.id === id, `open-${first}`);

  await openRow(page, second);
  await page.keyboard.press("r");  // the shortcut shown on the button
  await decide(page, "fr", { decision: "reject", reason: "school.capacity_reached" });
  await page.getByRole("button", { name: t("fr", "ui.staff.decide.confirm"), exact: true }).click();
  await page.locator("#decision-done").waitFor();

  const birth = "2020-09-14";
  const a = await statusOf(first, birth), b = await statusOf(second, birth);
  assert.equal(a.body.status, "approved");
  assert.equal(b.body.status, "rejected");
  assert.equal(b.body.reasons[0].code, "school.capacity_reached");
  // The decision e-mail reaches the SMTP server (the notifier works in the background).
  for (let i = 0; i < 100; ++i) {
    const subjects = product.messages().map((m) => m.subject);
    if (subjects.some((s) => s.includes(first) && s.includes("مقبول")) && subjects.some((s) => s.includes(second) && s.includes("مرفوض"))) break;
    await new Promise((r) => setTimeout(r, 200));
    if (i === 99) assert.fail("the decision e-mails did not arrive");
  }
  // The parents' own status screen shows the rejection and its reason.
  const parent = await openApp(env.browser, product.url, { clockAt });
  await press(parent.page, "ar", "ui.start.status_button");
  await onScreen(parent.page, "ar", "ui.status.heading");
  await type(parent.page, parentText("ar", "ui.field.reference"), second, parent.page);
  const group = parent.page.getByRole("group", { name: parentText("ar", "ui.field.child_birth_date"), exact: true });
  await type(group, parentText("ar", "ui.field.day"), "14", parent.page);
  await type(group, parentText("ar", "ui.field.month"), "09", parent.page);
  await type(group, parentText("ar", "ui.field.year"), "2020", parent.page);
  await press(parent.page, "ar", "ui.status.button");
  await parent.page.locator("#status-result").filter({ hasText: parentText("ar", "school.capacity_reached") }).waitFor();
  await parent.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test("arrow keys move in the table and Enter opens the file; the export is CSV with a BOM; the list prints", async () => {
  const { page, context } = await openConsole("fr");
  await logIn(page, "fr", "school");
  await listed(page);
  const firstButton = page.locator("[role=row][aria-rowindex='2'] button");
  await firstButton.focus();
  await page.keyboard.press("ArrowDown");
  await settle(page, 150);
  await page.keyboard.press("ArrowDown");
  await settle(page, 150);
  const focused = await page.evaluate(() => document.activeElement.closest("[role=row]")?.getAttribute("aria-rowindex"));
  assert.equal(focused, "4");
  const reference = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: t("fr", "ui.staff.file.heading", { reference }) }).waitFor();
  await page.getByRole("button", { name: t("fr", "ui.staff.back_list"), exact: true }).click();
  await listed(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: t("fr", "ui.staff.export"), exact: true }).click();
  const csv = readFileSync(await (await download).path());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(csv.toString("utf8").trim().split("\r\n").length, 700 + 1);
  assert.match(csv.toString("utf8"), /سلمى/);
  await page.getByRole("button", { name: t("fr", "ui.staff.print"), exact: true }).click();
  await page.waitForFunction(() => window.__printed === 1);
  assert.equal(await page.locator("#print-sheet tbody tr").count(), 700);
  await context.close();
});

test("a school account cannot list, open or decide another school's file, by the console or the API", async () => {
  const foreign = seeded["57303B"][0].reference;
  const other = await tokenOf("other");
  assert.equal((await api(`/api/v1/staff/files/${foreign}`, { token: other })).status, 404);
  assert.equal((await api(`/api/v1/staff/files/${foreign}/decision`, { method: "POST", token: other, body: { decision: "approve" } })).status, 404);
  assert.equal((await api("/api/v1/staff/files?school=57303B", { token: other })).status, 404);
  const own = await api("/api/v1/staff/files?limit=500", { token: other });
  assert.equal(own.body.total, 50);
  assert.ok(own.body.files.every((f) => f.school_code === "57301A"));
  // Guessed references of the other school look like files that do not exist.
  for (const f of seeded["57303B"].slice(0, 20)) {
    assert.equal((await api(`/api/v1/staff/files/${f.reference}`, { token: other })).status, 404);
  }
  const fahs = await tokenOf("otherProvince");
  assert.equal((await api("/api/v1/staff/files", { token: fahs })).body.total, 0);
  assert.equal((await api(`/api/v1/staff/files/${foreign}`, { token: fahs })).status, 404);
  assert.equal((await api(`/api/v1/staff/files/${foreign}/move`, { method: "POST", token: fahs, body: { school_code: "22706A" } })).status, 404);
  // Through the console: searching the other school's reference finds nothing.
  const { page, context } = await openConsole("fr");
  await logIn(page, "fr", "other");
  await listed(page);
  await page.getByLabel(t("fr", "ui.staff.search.label"), { exact: true }).fill(foreign);
  await page.locator("#list-empty").waitFor();
  await context.close();
});

test("bulk approval of 200 files: each decided once, each guardian notified once, each audited", async () => {
  const { page, context } = await openConsole("fr");
  await logIn(page, "fr", "bulk");
  await listed(page);
  await page.getByRole("button", { name: t("fr", "ui.staff.bulk.button", { count: "200" }), exact: true }).click();
  await page.getByRole("button", { name: t("fr", "ui.staff.bulk.yes", { count: "200" }), exact: true }).click();
  await page.locator("#notice").filter({ hasText: t("fr", "ui.staff.bulk.done", { approved: "200", refused: "0" }) }).waitFor({ timeout: 60000 });
  const refs = seeded["57303A"].filter((f) => f.birth === "2020-09-14").map((f) => f.reference);
  assert.equal(refs.length, 200);
  const list = refs.map((r) => `'${r}'`).join(",");
  assert.deepEqual(product.query(`select count(*), count(distinct reference) from audit where action = 'decision' and reference in (${list})`)[0], [200, 200]);
  assert.deepEqual(product.query(`select count(*) from files where status = 'approved' and reference in (${list})`)[0], [200]);
  // The sample's guardian is told by SMS and e-mail: two decision messages per file, no more.
  assert.deepEqual(product.query(`select count(*), count(distinct reference) from outbox where kind = 'decision' and reference in (${list})`)[0], [400, 200]);
  // The 50 files to review were not approved in bulk.
  assert.deepEqual(product.query("select count(*) from files where school_code = '57303A' and status = 'pending_review'")[0], [50]);
  await context.close();
});

test("an expired session asks to log in again and keeps the decision being typed", async () => {
  const { page, context } = await openConsole("fr");
  await logIn(page, "fr", "school");
  // A file still waiting (an ineligible one is decided at once and offers no decision).
  await filter(page, "fr", "ui.staff.filter.status", "pending_review");
  await listed(page);
  const reference = await page.locator("[role=row][aria-rowindex='5'] button").innerText();
  await openRow(page, reference);
  await page.getByRole("radio", { name: t("fr", "ui.staff.decide.info"), exact: true }).check();
  await page.getByLabel(t("fr", "ui.staff.decide.note"), { exact: true }).fill("Merci d'apporter le livret de famille.");
  await settle(page, 100);
  // The server forgets the session (as at its expiry).
  execSql("delete from sessions");
  await page.getByRole("button", { name: t("fr", "ui.staff.decide.preview"), exact: true }).click();
  await page.locator("#expired").waitFor();
  await shootPage(page, join(artifactDir, "staff-expired.fr.png"));
  await logIn(page, "fr", "school");
  await page.getByRole("heading", { level: 1, name: t("fr", "ui.staff.file.heading", { reference }) }).waitFor();
  assert.equal(await page.getByLabel(t("fr", "ui.staff.decide.note"), { exact: true }).inputValue(), "Merci d'apporter le livret de famille.");
  assert.equal(await page.getByRole("radio", { name: t("fr", "ui.staff.decide.info"), exact: true }).isChecked(), true);
  await context.close();
});

test("wrong passwords from elsewhere do not slow the director's own browser, which is told of them", async () => {
  const { page, context } = await openConsole("fr");
  await logIn(page, "fr", "other");
  await listed(page);
  // The console keeps the device's token from the log-in, and sends it with log-ins only.
  const device = await page.evaluate(() => localStorage.getItem("tasjil-staff-device"));
  assert.match(device || "", /^[0-9a-f]{64}$/);
  await page.getByRole("button", { name: t("fr", "ui.staff.logout"), exact: true }).click();
  await page.getByRole("heading", { level: 1, name: t("fr", "ui.staff.login.heading") }).waitFor();
  // Someone at this address (a script) tries wrong passwords: the address is slowed…
  const [username, password] = accounts.other;
  const statuses = [];
  for (let i = 0; i < 8; ++i) {
    statuses.push((await api("/api/v1/staff/sessions", { method: "POST", body: { username, password: `guess ${i}` } })).status);
  }
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.deepEqual(statuses.slice(5), [429, 429, 429]);
  assert.equal((await api("/api/v1/staff/sessions", { method: "POST", body: { username, password } })).status, 429);
  // …the director's browser, a known device, is not: in at once, and told of the tries.
  const sent = [];
  page.on("request", (r) => { if (r.url().endsWith("/api/v1/staff/sessions")) sent.push(r.headers()["x-tasjil-device"] || ""); });
  await logIn(page, "fr", "other");
  await listed(page);
  assert.deepEqual(sent, [device]);
  const notice = page.locator("#failed-logins");
  await notice.waitFor();
  const text = await notice.innerText();
  assert.ok(text.includes(t("fr", "ui.staff.failures.heading", { count: "5" })), text);
  assert.ok(text.includes("127.0.0.1"), text);
  assert.equal(await notice.getAttribute("role"), "alert");
  await shootPage(page, join(artifactDir, "staff-failed-logins.fr.png"));
  await page.getByRole("button", { name: t("fr", "ui.staff.failures.close"), exact: true }).click();
  await notice.waitFor({ state: "detached" });
  await context.close();
  execSql("delete from throttle");  // the other tests log in from this address
});

test("a director sees the sessions of their account and ends the one left open on another device", async () => {
  const office = await openConsole("fr");
  await logIn(office.page, "fr", "bulk");
  await listed(office.page);
  const phone = await openConsole("fr", { width: 360, height: 740 });
  await logIn(phone.page, "fr", "bulk");
  await listed(phone.page);
  await office.page.getByRole("button", { name: t("fr", "ui.staff.sessions.link"), exact: true }).click();
  await office.page.getByRole("heading", { level: 1, name: t("fr", "ui.staff.sessions.heading") }).waitFor();
  await office.page.getByRole("heading", { level: 2, name: t("fr", "ui.staff.sessions.this") }).waitFor();
  const end = office.page.getByRole("button", { name: t("fr", "ui.staff.sessions.end"), exact: true });
  await end.waitFor();
  assert.equal(await end.count(), 1);  // the other one; this one ends by logging out
  await shootPage(office.page, join(artifactDir, "staff-sessions.fr.png"));
  await end.click();
  await office.page.locator("#sessions-done").waitFor();
  await end.waitFor({ state: "detached" });
  // The phone's next request finds its session ended: the log-in screen, with what was there kept.
  await filter(phone.page, "fr", "ui.staff.filter.status", "pending_review");
  await phone.page.locator("#expired").waitFor();
  await office.page.getByRole("button", { name: t("fr", "ui.staff.back"), exact: true }).click();
  await listed(office.page);
  await office.context.close();
  await phone.context.close();
});

/** The server's time (--today at the real time of day), in Unix seconds, as its codes use it. */
function serverSeconds() {
  return Date.parse(`${today}T00:00:00Z`) / 1000 + (Date.now() / 1000) % 86400;
}

test("a directorate makes a school account; its director activates it with a password and an app, decides a file; the directorate disables it", async () => {
  // The directorate makes the account in the console and gets its code.
  const office = await openConsole("fr");
  await logIn(office.page, "fr", "province");
  await office.page.getByRole("heading", { level: 1, name: t("fr", "ui.staff.province.heading") }).waitFor();
  await office.page.getByRole("button", { name: t("fr", "ui.staff.accounts.link"), exact: true }).click();
  await office.page.getByRole("heading", { level: 1, name: t("fr", "ui.staff.accounts.heading") }).waitFor();
  await office.page.getByLabel(t("fr", "ui.staff.field.new_username"), { exact: true }).fill("57303a");
  await office.page.getByLabel(t("fr", "ui.staff.field.school_name"), { exact: true }).fill("École Oqba Ibn Nafii - Martil");
  await office.page.getByLabel(t("fr", "ui.staff.field.schools"), { exact: true }).fill("57303A");
  await settle(office.page, 100);
  await office.page.getByRole("button", { name: t("fr", "ui.staff.accounts.create"), exact: true }).click();
  const letter = office.page.locator("#letter-57303a");
  await letter.waitFor();
  const code = /([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(await letter.innerText())?.[1];
  assert.ok(code, "the activation code is shown");
  await office.page.getByRole("heading", { level: 3, name: /— 57303a$/ }).waitFor();
  // The rest of the province's schools from the directorate's spreadsheet, all at once.
  const [chooser] = await Promise.all([
    office.page.waitForEvent("filechooser"),
    office.page.getByRole("button", { name: t("fr", "ui.staff.accounts.import.button"), exact: true }).click(),
  ]);
  await chooser.setFiles({ name: "ecoles.csv", mimeType: "text/csv",
    buffer: Buffer.from("massar_code;nom\r\n57302A;École Imam Malik - Fnideq\r\n57302B;École Al Massira - Fnideq\r\n") });
  await office.page.locator("#accounts-done").filter({ hasText: t("fr", "ui.staff.accounts.imported", { count: "2" }) }).waitFor();
  await office.page.locator("#letter-57302b").waitFor();
  await office.page.getByRole("heading", { level: 3, name: /— 57302a$/ }).waitFor();
  await shootPage(office.page, join(artifactDir, "staff-accounts.fr.png"));
  // The three letters on paper, one a page, each with its code.
  await office.page.getByRole("button", { name: t("fr", "ui.staff.accounts.letter.print"), exact: true }).click();
  await office.page.waitForFunction(() => (window.__printed || 0) > 0);
  const printed = await office.page.locator("#print-sheet section.letter p.code").allInnerTexts();
  assert.equal(printed.length, 3);
  assert.ok(printed.includes(code));

  // The director follows the link: the code is opened at once; a password, the app's code.
  const director = await openApp(env.browser, new URL(`/staff/#activate=${code}`, product.url).href, { clockAt });
  const page = director.page;
  await page.getByRole("button", { name: "Français", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: t("fr", "ui.staff.activation.heading") }).waitFor();
  const keyText = await page.locator("#activation-key").innerText();
  const secret = keyText.slice(keyText.lastIndexOf(":") + 1).replaceAll(/\s/g, "");
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.equal(await page.evaluate(() => location.hash), "", "the code left the address");
  await page.getByRole("img", { name: t("fr", "ui.staff.activation.qr", { username: "57303a" }) }).waitFor();
  await shootPage(page, join(artifactDir, "staff-activation.fr.png"));
  // A common password is refused with the server's reason; what was typed stays.
  await page.getByLabel(t("fr", "ui.staff.field.new_password"), { exact: true }).fill("password1234");
  await page.getByLabel(t("fr", "ui.staff.field.password_again"), { exact: true }).fill("password1234");
  await page.getByLabel(t("fr", "ui.staff.field.totp"), { exact: true }).fill(totp(secret, serverSeconds()));
  await settle(page, 100);
  await page.getByRole("button", { name: t("fr", "ui.staff.activation.send"), exact: true }).click();
  await page.locator("#activation-problem").filter({ hasText: t("fr", "password.common") }).waitFor();
  const password = "olive trees by the mdiq sea";
  await page.getByLabel(t("fr", "ui.staff.field.new_password"), { exact: true }).fill(password);
  await page.getByLabel(t("fr", "ui.staff.field.password_again"), { exact: true }).fill(password);
  await page.getByLabel(t("fr", "ui.staff.field.totp"), { exact: true }).fill(totp(secret, serverSeconds()));
  await settle(page, 100);
  await page.getByRole("button", { name: t("fr", "ui.staff.activation.send"), exact: true }).click();
  await page.locator("#recovery-codes").waitFor();
  assert.equal((await page.locator("#recovery-codes").innerText()).match(/[0-9A-Z]{5}-[0-9A-Z]{5}/g).length, 10);
  await page.getByRole("button", { name: t("fr", "ui.staff.activation.to_login"), exact: true }).click();

  // The log-in asks for the app's code after the password (the next step's: the one used to
  // activate cannot be used twice).
  await page.getByRole("heading", { level: 1, name: t("fr", "ui.staff.login.heading") }).waitFor();
  assert.equal(await page.getByLabel(t("fr", "ui.staff.field.username"), { exact: true }).inputValue(), "57303a");
  await page.getByLabel(t("fr", "ui.staff.field.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t("fr", "ui.staff.login.button"), exact: true }).click();
  const codeBox = page.getByLabel(t("fr", "ui.staff.field.code"), { exact: true });
  await codeBox.waitFor();
  await codeBox.fill(totp(secret, serverSeconds() + 30));
  await settle(page, 100);
  await page.getByRole("button", { name: t("fr", "ui.staff.login.button"), exact: true }).click();

  // The director decides a file of the school.
  await listed(page);
  await filter(page, "fr", "ui.staff.filter.status", "pending_review");
  await listed(page);
  const reference = await page.locator("[role=row][aria-rowindex='2'] button").innerText();
  assert.ok(seeded["57303A"].some((f) => f.reference === reference));
  await openRow(page, reference);
  await decide(page, "fr", { decision: "approve" });
  await page.getByRole("button", { name: t("fr", "ui.staff.decide.confirm"), exact: true }).click();
  await page.locator("#decision-done").waitFor();
  assert.deepEqual(product.query(`select staff from audit where reference = '${reference}'`).at(-1), ["57303a"]);

  // The directorate disables the account: the director's session ends at once.
  await office.page.getByRole("button", { name: t("fr", "ui.staff.accounts.disable", { username: "57303a" }), exact: true }).click();
  await office.page.locator("#accounts-done").waitFor();
  await page.getByRole("button", { name: t("fr", "ui.staff.back_list"), exact: true }).click();
  await page.locator("#expired").waitFor();
  await page.getByLabel(t("fr", "ui.staff.field.password"), { exact: true }).fill(password);
  await page.getByRole("button", { name: t("fr", "ui.staff.login.button"), exact: true }).click();
  await page.locator("#login-problem").filter({ hasText: t("fr", "auth.account_disabled") }).waitFor();
  // Every change of the account is in its trail.
  assert.deepEqual(product.query("select staff, action from account_audit where account = '57303a' order by id"),
    [["mdiq.province", "create"], ["57303a", "open"], ["57303a", "activate"], ["mdiq.province", "disable"]]);
  assert.deepEqual(product.query("select action, detail from account_audit where account = '57302a'"),
    [["create", "import: École Imam Malik - Fnideq"]]);
  await director.context.close();
  await office.context.close();
});

test("a decision the server refuses (decided meanwhile) is explained", async () => {
  const { page, context } = await openConsole("fr");
  await logIn(page, "fr", "school");
  await filter(page, "fr", "ui.staff.filter.status", "pending_review");
  await listed(page);
  const reference = await page.locator("[role=row][aria-rowindex='3'] button").innerText();
  await openRow(page, reference);
  await decide(page, "fr", { decision: "approve" });
  // Someone else decides it first.
  const token = await tokenOf("school");
  assert.equal((await api(`/api/v1/staff/files/${reference}/decision`, { method: "POST", token, body: { decision: "reject", reason_code: "file.duplicate" } })).status, 200);
  await page.getByRole("button", { name: t("fr", "ui.staff.decide.confirm"), exact: true }).click();
  await page.locator("#decision-problem").filter({ hasText: t("fr", "decision.not_pending") }).waitFor();
  await context.close();
});

test("a directorate officer follows the province's schools and moves a file (audited, the guardian told)", async () => {
  const { page, context } = await openConsole("fr");
  await logIn(page, "fr", "province");
  await page.getByRole("heading", { level: 1, name: t("fr", "ui.staff.province.heading") }).waitFor();
  await page.getByRole("button", { name: /\(57303B\)/ }).waitFor();
  await shootPage(page, join(artifactDir, "staff-province.fr.png"));
  await page.getByRole("button", { name: /\(57303B\)/ }).click();
  await listed(page);
  await filter(page, "fr", "ui.staff.filter.status", "pending_review");
  const reference = await page.locator("[role=row][aria-rowindex='2'] button").innerText();
  await openRow(page, reference);
  await page.getByLabel(t("fr", "ui.staff.move.school"), { exact: true }).selectOption("57303A");
  await settle(page, 100);
  await page.getByRole("button", { name: t("fr", "ui.staff.move.button"), exact: true }).click();
  await page.locator("#decision-done").waitFor({ timeout: 10000 }).catch(async (e) => {
    await page.screenshot({ path: join(artifactDir, "staff-failed-move.png"), fullPage: true });
    throw e;
  });
  const rows = product.query(`select action, detail from audit where reference = '${reference}'`);
  assert.equal(rows.at(-1)[0], "move");
  assert.match(rows.at(-1)[1], /57303B » 57303A/);
  assert.deepEqual(product.query(`select school_code from files where reference = '${reference}'`)[0], ["57303A"]);
  assert.equal(product.query(`select count(*) from outbox where kind = 'move' and reference = '${reference}'`)[0][0], 2);
  await context.close();
});

test("a directorate gives a parent a copy of the file and corrects an answer at their request (audited, the guardian told)", async () => {
  const { page, context } = await openConsole("fr");
  await logIn(page, "fr", "province");
  await page.getByRole("button", { name: /\(57303B\)/ }).click();
  await listed(page);
  await filter(page, "fr", "ui.staff.filter.status", "pending_review");
  const reference = await page.locator("[role=row][aria-rowindex='3'] button").innerText();
  await openRow(page, reference);
  const before = JSON.parse(product.query(`select json from files where reference = '${reference}'`)[0][0]);

  // The copy for the parent: the data as JSON (what is stored), and the answers on paper.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: t("fr", "ui.staff.file.export_json"), exact: true }).click();
  const saved = await download;
  assert.equal(saved.suggestedFilename(), `tasjil-${reference}.json`);
  const exported = JSON.parse(readFileSync(await saved.path(), "utf8"));
  assert.equal(exported.reference, reference);
  assert.deepEqual(exported.file, before);
  assert.equal(exported.messages.length, 2);
  await page.getByRole("button", { name: t("fr", "ui.staff.file.print"), exact: true }).click();
  await page.waitForFunction(() => window.__printed === 1);
  assert.match(await page.locator("#print-sheet").innerText(), new RegExp(before.child.given_name_latin));
  assert.ok(await page.locator("#print-sheet caption").count() >= 6);

  // A correction the core refuses is explained at its answer; nothing typed is lost.
  const fieldLabel = t("fr", "ui.staff.rectify.field");
  const nameOption = `${parentText("fr", "ui.child.heading")} — ${parentText("fr", "ui.field.given_name_ar")}`;
  await page.getByLabel(fieldLabel, { exact: true }).selectOption({ label: nameOption });
  await settle(page, 150);
  await page.getByLabel(t("fr", "ui.staff.rectify.value"), { exact: true }).fill("Salma");
  await page.getByRole("button", { name: t("fr", "ui.staff.rectify.add"), exact: true }).click();
  await settle(page, 150);
  const note = "Demande de la mère du 20 avril, acte de naissance vu";
  await page.getByLabel(t("fr", "ui.staff.rectify.note"), { exact: true }).fill(note);
  await settle(page, 100);
  await page.getByRole("button", { name: t("fr", "ui.staff.rectify.button"), exact: true }).click();
  await page.locator("#rectify-problem").waitFor({ timeout: 10000 });
  assert.match(await page.locator("#rectify-problem").innerText(), new RegExp(t("fr", "rectify.invalid").slice(0, 20)));

  // Taken back, then the Latin given name corrected: recorded, audited, the guardian told.
  await page.getByRole("button", { name: t("fr", "ui.staff.rectify.remove"), exact: true }).click();
  await settle(page, 150);
  const latinOption = `${parentText("fr", "ui.child.heading")} — ${parentText("fr", "ui.field.given_name_latin")}`;
  await page.getByLabel(fieldLabel, { exact: true }).selectOption({ label: latinOption });
  await settle(page, 150);
  await page.getByLabel(t("fr", "ui.staff.rectify.value"), { exact: true }).fill("Salmane");
  await page.getByRole("button", { name: t("fr", "ui.staff.rectify.add"), exact: true }).click();
  await settle(page, 150);
  assert.equal(await page.getByLabel(t("fr", "ui.staff.rectify.note"), { exact: true }).inputValue(), note);
  await page.getByRole("button", { name: t("fr", "ui.staff.rectify.button"), exact: true }).click();
  await page.locator("#rectify-done").waitFor({ timeout: 10000 }).catch(async (e) => {
    await page.screenshot({ path: join(artifactDir, "staff-failed-rectify.png"), fullPage: true });
    throw e;
  });
  await shootPage(page, join(artifactDir, "staff-rectify.fr.png"));
  const after = JSON.parse(product.query(`select json from files where reference = '${reference}'`)[0][0]);
  assert.equal(after.child.given_name_latin, "Salmane");
  assert.equal(after.file_id, before.file_id);
  const rows = product.query(`select action, staff, detail from audit where reference = '${reference}' order by id`);
  assert.deepEqual(rows.map((r) => r[0]), ["export", "rectification"]);
  assert.match(rows[1][2], /\/child\/given_name_latin: Demande de la mère/);
  assert.equal(product.query(`select count(*) from outbox where kind = 'rectification' and reference = '${reference}'`)[0][0], 2);
  // The file on screen is the corrected one, its history says so.
  await page.getByText("Salmane", { exact: true }).first().waitFor();
  assert.ok(await page.getByText(new RegExp(t("fr", "ui.staff.action.rectification"))).count() > 0);
  await context.close();
});

test("every console screen in Arabic, drawn right to left", async () => {
  const { page, context } = await openConsole("ar");
  assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
  await shootPage(page, join(artifactDir, "staff-login.ar.png"));
  await logIn(page, "ar", "province");
  await page.getByRole("heading", { level: 1, name: t("ar", "ui.staff.province.heading") }).waitFor();
  await shootPage(page, join(artifactDir, "staff-province.ar.png"));
  await page.getByRole("button", { name: /\(57303B\)/ }).click();
  await listed(page);
  await shootPage(page, join(artifactDir, "staff-list.ar.png"));
  const reference = await page.locator("[role=row][aria-rowindex='2'] button").innerText();
  await page.getByRole("button", { name: reference, exact: true }).click();
  await page.locator("#file-status").waitFor();
  await shootPage(page, join(artifactDir, "staff-file.ar.png"));
  await page.getByRole("button", { name: t("ar", "ui.staff.accounts.link"), exact: true }).click();
  await page.getByRole("heading", { level: 1, name: t("ar", "ui.staff.accounts.heading") }).waitFor();
  await page.getByRole("heading", { level: 3, name: "martil.director", exact: true }).waitFor();
  await shootPage(page, join(artifactDir, "staff-accounts.ar.png"));
  await context.close();
  // A director activates on a phone, in Arabic, by taps: the code screen and the form.
  const phone = await openApp(env.browser, new URL("/staff/", product.url).href, { clockAt, viewport: { width: 360, height: 640 } });
  await phone.page.getByRole("button", { name: t("ar", "ui.staff.activation.link"), exact: true }).click();
  await phone.page.getByRole("heading", { level: 1, name: t("ar", "ui.staff.activation.heading") }).waitFor();
  await phone.page.getByLabel(t("ar", "ui.staff.field.activation_code"), { exact: true }).fill("0000-0000-0000-0000");
  await phone.page.getByRole("button", { name: t("ar", "ui.staff.activation.open"), exact: true }).click();
  await phone.page.locator("#activation-problem").filter({ hasText: t("ar", "activation.not_found") }).waitFor();
  await shootPage(phone.page, join(artifactDir, "staff-activation.ar.360.png"));
  await phone.context.close();
});

/** Writes to the server's database beside it (WAL lets both write), as an operator would. */
function execSql(sql) {
  execFileSync("/usr/bin/python3", ["-c",
    "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()",
    join(product.dir, "data", "tasjil.db"), sql]);
}
