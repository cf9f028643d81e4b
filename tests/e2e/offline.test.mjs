// Browser tests of the offline app against the real product (tasjil-server on SQLite, Debian's
// Chromium): the service worker, drafts kept on the device, one draft per tab, the outbox that
// sends every file exactly once, whatever happens to the network, the browser or the server.
// "Offline" is both the browser's offline mode and the server really gone (killed), so that
// nothing can reach it by another path.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, openApp, openProfile, settle, appLoaded, workerControls, storedRecords, appDir, sourceDir } from "./browser.mjs";
import { startProduct } from "./server.mjs";
import { fillFile, receiptReference, press, onScreen, t, languageNames, type, useDriver, child } from "./flow.mjs";

const clockAt = "2026-04-10T09:00:00";
let env, product;
before(async () => {
  env = await launch();
  product = await startProduct({ schoolYear: "2026-2027" });
});
after(async () => { await product.stop(); await env.close(); });
// A test that fails while the server is killed leaves it running for the next one.
afterEach(async () => { await product.ensureRunning(); });

const open = async (options = {}) => {
  useDriver("mouse");
  const opened = await openApp(env.browser, product.url, { clockAt, ...options });
  await workerControls(opened.page);
  return opened;
};

const storedFiles = () => product.storedFiles();

/** A valid electronic file with a fresh id (the repository's sample, as the app writes it). */
function sampleFile() {
  const file = JSON.parse(readFileSync(join(sourceDir, "assets", "samples", "electronic-file.json"), "utf8"));
  file.file_id = randomUUID();
  return file;
}

/** Hands files to the page's outbox as the app does when Send is pressed. */
function queueFiles(page, files) {
  return page.evaluate((bodies) => {
    bodies.forEach((body, i) => window.TasjilPlatform.fetch(100000 + i, "POST", "/api/v1/files", body, "fr"));
  }, files.map((f) => JSON.stringify(f)));
}

async function waitForOutbox(page, predicate, timeout = 60000) {
  const until = Date.now() + timeout;
  for (;;) {
    const records = await storedRecords(page, "outbox");
    if (predicate(records)) return records;
    if (Date.now() > until) throw new Error(`outbox never got there: ${JSON.stringify(records.map((r) => r.state))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("a file sent offline is queued, the app reloads offline from the service worker with the queue intact, and the file is stored once when the network returns", { timeout: 180000 }, async () => {
  const { page, context } = await open();
  const before = storedFiles();
  await fillFile(page, "fr");
  await product.kill();
  await context.setOffline(true);
  await press(page, "fr", "ui.button.send");
  await page.locator("#send-status").filter({ hasText: t("fr", "ui.send.queued") }).waitFor();
  let box = await waitForOutbox(page, (r) => r.length === 1 && r[0].state === "queued");

  await page.reload();
  await appLoaded(page);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), "served by the service worker");
  await onScreen(page, "fr", "ui.declarations.heading");
  await page.locator("#send-status").filter({ hasText: t("fr", "ui.send.queued") }).waitFor();
  box = await storedRecords(page, "outbox");
  assert.equal(box.length, 1);
  assert.equal(box[0].state, "queued");

  await product.restart();
  await context.setOffline(false);
  await receiptReference(page, "fr");
  assert.equal(storedFiles(), before + 1);
  box = await waitForOutbox(page, (r) => r[0].state === "sent");
  assert.equal(box[0].sealed, undefined, "a sent file leaves the device; its receipt stays");
  await context.close();
});

test("the province list and the country names, which the first load leaves out, come from the service worker when the child screen opens offline", { timeout: 180000 }, async () => {
  const { page, context } = await open();
  await context.setOffline(true);
  await page.reload();
  await appLoaded(page);
  await press(page, "ar", "ui.start.button");
  await onScreen(page, "ar", "ui.child.heading");
  await page.getByRole("radio", { name: t("ar", "ui.answer.yes"), exact: true }).click();
  await settle(page, 100);
  const province = page.getByLabel(t("ar", "ui.field.birth_province"), { exact: true });
  await province.selectOption("01.573");
  assert.equal(await province.inputValue(), "01.573");
  await page.getByRole("radio", { name: t("ar", "ui.answer.no"), exact: true }).click();
  await settle(page, 100);
  await type(page, t("ar", "ui.field.birth_country"), "نيوزي", page);
  await settle(page, 100);
  const nz = page.getByRole("radio", { name: t("ar", "ui.country.NZ"), exact: true });
  await nz.waitFor({ state: "attached" });
  await nz.click();
  await settle(page, 100);
  assert.ok(await nz.isChecked());
  await context.close();
});

test("100 files queued offline across browser restarts, the server killed and restarted during the sync: each stored exactly once", { timeout: 480000 }, async () => {
  const profile = mkdtempSync(join(tmpdir(), "tasjil-profile-"));
  const files = Array.from({ length: 100 }, sampleFile);
  const before = storedFiles();
  const session = (offline) => openProfile(profile, product.url, { offline, clockAt });
  let context, page;
  try {
    // First session online, so that the app is installed; then the network goes.
    ({ context, page } = await session(false));
    await product.kill();
    await context.setOffline(true);
    await queueFiles(page, files.slice(0, 50));
    await waitForOutbox(page, (r) => r.length === 50 && r.every((x) => x.state === "queued"));
    await context.close();  // the browser closes with 50 files waiting

    ({ context, page } = await session(true));  // opened again without network
    assert.equal((await storedRecords(page, "outbox")).length, 50, "the queue survived the restart");
    await queueFiles(page, files.slice(50));
    await waitForOutbox(page, (r) => r.length === 100);
    await context.close();

    await product.restart();
    ({ context, page } = await session(false));
    await waitForOutbox(page, (r) => r.filter((x) => x.state === "sent").length >= 10, 120000);
    await product.kill();  // mid-sync: some posts are cut off, some answers lost
    await new Promise((r) => setTimeout(r, 1500));
    await product.restart();
    const done = await waitForOutbox(page, (r) => r.length === 100 && r.every((x) => x.state === "sent"), 180000);
    await context.close();

    assert.equal(storedFiles() - before, 100, "100 files stored");
    const ids = files.map((f) => `'${f.file_id}'`).join(",");
    const rows = product.query(`select file_id, count(*) from files where file_id in (${ids}) group by file_id`);
    assert.equal(rows.length, 100, "every file is there");
    assert.ok(rows.every(([, n]) => n === 1), "none twice");
    const references = new Set(done.map((r) => JSON.parse(r.result.body).reference));
    assert.equal(references.size, 100, "each file has its own receipt");
  } finally {
    // A browser of its own: left open after a failure, it would keep the test process alive.
    if (context) await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
});

test("a draft resumes after a reload and a closed tab; a second tab on it refuses", { timeout: 180000 }, async () => {
  const { page, context } = await open();
  await page.getByRole("button", { name: languageNames.fr, exact: true }).click();
  await press(page, "fr", "ui.start.button");
  await type(page, t("fr", "ui.field.given_name_ar"), child.given_name_ar, page);
  await settle(page);
  const second = await context.newPage();
  await second.goto(product.url);
  await second.locator("#failure").waitFor();
  assert.match(await second.locator("#failure-fr").textContent(), /déjà ouvert dans un autre onglet/);
  assert.match(await second.locator("#failure-ar").textContent(), /مفتوح في نافذة/);
  await second.close();

  await page.close();  // the tab is closed: its lock goes with it
  const again = await context.newPage();
  await again.clock.setFixedTime(new Date(clockAt));
  await again.goto(product.url);
  await appLoaded(again);
  await onScreen(again, "fr", "ui.child.heading");
  assert.equal(await again.getByLabel(t("fr", "ui.field.given_name_ar"), { exact: true }).inputValue(), child.given_name_ar);
  await context.close();
});

test("drafts and queued files are not readable as plain text in IndexedDB", { timeout: 180000 }, async () => {
  const { page, context } = await open();
  await fillFile(page, "fr");
  await product.kill();
  await context.setOffline(true);
  await press(page, "fr", "ui.button.send");
  await waitForOutbox(page, (r) => r.length === 1);
  const drafts = await storedRecords(page, "drafts");
  const outbox = await storedRecords(page, "outbox");
  assert.equal(drafts.length, 1);
  const everything = JSON.stringify({ drafts, outbox });
  const bytes = Buffer.from(JSON.stringify([...drafts, ...outbox].map((r) => r.sealed?.data?.bytes ?? [])));
  for (const secret of [child.given_name_ar, child.given_name_latin, child.family_name_latin, "f.benaissa@example.ma"]) {
    assert.ok(!everything.includes(secret), `${secret} is not stored in clear`);
    const utf8 = Array.from(Buffer.from(secret)).join(",");
    assert.ok(!bytes.toString().includes(utf8), `${secret} is not in the stored bytes`);
  }
  assert.ok(drafts[0].sealed.iv.bytes.length === 12, "AES-GCM with a 96-bit IV");
  const key = await page.evaluate(() => new Promise((resolve) => {
    const r = indexedDB.open("tasjil");
    r.onsuccess = () => {
      const q = r.result.transaction("keys").objectStore("keys").get("device");
      q.onsuccess = () => resolve({ extractable: q.result.extractable, algorithm: q.result.algorithm.name, usages: q.result.usages });
    };
  }));
  assert.deepEqual(key, { extractable: false, algorithm: "AES-GCM", usages: ["encrypt", "decrypt"] });
  await product.restart();
  await context.setOffline(false);
  await receiptReference(page, "fr");
  await context.close();
});

test("a tablet lists its drafts with their state, opens any of them, and none is readable in IndexedDB", { timeout: 180000 }, async () => {
  useDriver("mouse");
  const { page, context } = await openApp(env.browser, product.url + "?mode=tablet", { clockAt });
  await workerControls(page);
  await onScreen(page, "ar", "ui.files.heading");
  await page.getByRole("button", { name: languageNames.fr, exact: true }).click();
  const families = [["Yasmine", "ياسمين"], ["Adam", "آدم"]];
  for (const [latin, arabic] of families) {
    await press(page, "fr", "ui.files.new");
    await onScreen(page, "fr", "ui.child.heading");
    await type(page, t("fr", "ui.field.given_name_latin"), latin, page);
    await type(page, t("fr", "ui.field.given_name_ar"), arabic, page);
    await settle(page);
    await press(page, "fr", "ui.button.back");
    await press(page, "fr", "ui.files.button");
    await onScreen(page, "fr", "ui.files.heading");
  }
  for (const [latin, arabic] of families) await page.getByRole("heading", { name: `${arabic} — ${latin}`, level: 2 }).waitFor();
  assert.equal(await page.getByRole("button", { name: t("fr", "ui.files.open"), exact: true }).count(), 1, "the other file can be opened");
  await press(page, "fr", "ui.files.open");
  await onScreen(page, "fr", "ui.child.heading");
  assert.equal(await page.getByLabel(t("fr", "ui.field.given_name_latin"), { exact: true }).inputValue(), "Yasmine");

  const drafts = await storedRecords(page, "drafts");
  assert.equal(drafts.length, 2);
  const stored = JSON.stringify(drafts);
  for (const [latin, arabic] of families) {
    assert.ok(!stored.includes(latin) && !stored.includes(arabic), `${latin} is not stored in clear`);
    const utf8 = Array.from(Buffer.from(arabic)).join(",");
    assert.ok(!JSON.stringify(drafts.map((d) => d.sealed.data.bytes)).includes(utf8), `${latin} is not in the stored bytes`);
  }
  await context.close();
});

test("a service-worker update with a draft in progress: the draft survives and the app still works offline", { timeout: 180000 }, async () => {
  // A copy of the app that the test can turn into a new version.
  const web = mkdtempSync(join(tmpdir(), "tasjil-web-"));
  cpSync(appDir, web, { recursive: true });
  const own = await startProduct({ schoolYear: "2026-2027", webDir: web });
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 900 } });
  try {
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(clockAt));
    await page.goto(own.url);
    await appLoaded(page);
    await workerControls(page);
    await page.getByRole("button", { name: languageNames.fr, exact: true }).click();
    await press(page, "fr", "ui.start.button");
    await type(page, t("fr", "ui.field.given_name_latin"), child.given_name_latin, page);
    await settle(page);
    const oldCache = await page.evaluate(() => caches.keys());

    // A new version: another service worker (the server reads its folder at start).
    const sw = readFileSync(join(web, "sw.js"), "utf8").replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1-next"');
    writeFileSync(join(web, "sw.js"), sw);
    rmSync(join(web, "sw.js.br"), { force: true });
    rmSync(join(web, "sw.js.gz"), { force: true });
    await own.kill();
    await own.restart();
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
    // Installed and waiting, with no other install still running (the browser may check twice).
    const settledUpdate = () => page.waitForFunction(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return !!r.waiting && !r.installing;
    }, null, { timeout: 30000 });
    await settledUpdate();
    await page.waitForTimeout(1500);
    await settledUpdate();
    // The new version waits: nothing reloaded under the parent, the old app still runs.
    assert.equal(await page.getByLabel(t("fr", "ui.field.given_name_latin"), { exact: true }).inputValue(), child.given_name_latin);
    assert.deepEqual((await page.evaluate(() => caches.keys())).filter((k) => oldCache.includes(k)), oldCache, "the working app's cache is kept");

    // Offline, with the new version waiting: the app starts, the draft is there.
    const startsOfflineWithTheDraft = async () => {
      await own.kill();
      await context.setOffline(true);
      await page.reload();
      await appLoaded(page);
      await onScreen(page, "fr", "ui.child.heading");
      assert.equal(await page.getByLabel(t("fr", "ui.field.given_name_latin"), { exact: true }).inputValue(), child.given_name_latin);
    };
    await startsOfflineWithTheDraft();

    // The new version takes over when the parent accepts it between files (or when no page of
    // the old one is left, as the browser may decide on a reload): the draft stays, and the
    // app works offline.
    await context.setOffline(false);
    await own.restart();
    if (await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()).waiting)) {
      const reloaded = page.waitForEvent("load");
      await page.evaluate(() => { window.TasjilPlatform.applyUpdate(); });
      await reloaded;
      await appLoaded(page);
    }
    await page.waitForFunction((old) => caches.keys().then((keys) =>
      keys.some((k) => k.endsWith("-next")) && !keys.some((k) => old.includes(k) && k.startsWith("tasjil-app-"))),
      oldCache, { timeout: 30000 });
    await startsOfflineWithTheDraft();
  } finally {
    await context.close();
    await own.stop();
    rmSync(web, { recursive: true, force: true });
  }
});

test("the app is installable: a manifest in three languages, icons, standalone", { timeout: 180000 }, async () => {
  // A real profile: Chromium never offers to install from a private window.
  const profile = mkdtempSync(join(tmpdir(), "tasjil-profile-"));
  const { context, page } = await openProfile(profile, product.url);
  try {
    const href = await page.evaluate(() => /** @type {HTMLLinkElement} */ (document.querySelector("link[rel=manifest]")).href);
    const manifest = await (await fetch(href)).json();
    assert.match(manifest.name, /التسجيل الأولي/);
    assert.match(manifest.name, /ⴰⵣⵎⵎⴻⵎ/);
    assert.match(manifest.name, /Inscription initiale/);
    assert.equal(manifest.display, "standalone");
    assert.ok(manifest.icons.length >= 1);
    for (const icon of manifest.icons) assert.equal((await fetch(new URL(icon.src, href))).status, 200);
    const cdp = await context.newCDPSession(page);
    const { errors } = await cdp.send("Page.getAppManifest");
    assert.deepEqual(errors, []);
    const installability = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installability.installabilityErrors.map((e) => e.errorId), []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
