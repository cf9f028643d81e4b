// Browser tests of kiosk mode (?mode=kiosk) against the real product: the app's own keyboard,
// and the wipe after an idle period or a printed receipt, checked by reading back IndexedDB,
// web storage and the DOM.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { launch, openApp, settle, workerControls, storedRecords } from "./browser.mjs";
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

const kiosk = async (query = "") => {
  useDriver("mouse");
  const opened = await openApp(env.browser, product.url + "?mode=kiosk" + query, { clockAt, hasTouch: true });
  await workerControls(opened.page);
  return opened;
};

const storedFiles = () => product.storedFiles();

/** Everything the page holds that could still name the person. */
async function leftovers(page) {
  return page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    inputs: [...document.querySelectorAll("input")].map((i) => i.value).filter((v) => v),
    local: localStorage.length + sessionStorage.length,
    title: document.title,
  }));
}

async function pressKeys(page, keys) {
  for (const k of keys) await page.getByRole("button", { name: k, exact: true }).click();
  await settle(page);
}

test("the on-screen keyboard types Arabic and Tifinagh into the field, with no system keyboard or autofill", { timeout: 180000 }, async () => {
  const { page, context } = await kiosk();
  await page.getByRole("button", { name: languageNames.fr, exact: true }).click();
  await press(page, "fr", "ui.start.button");
  const arabic = page.getByLabel(t("fr", "ui.field.given_name_ar"), { exact: true });
  assert.equal(await arabic.getAttribute("inputmode"), "none");
  assert.equal(await arabic.getAttribute("autocomplete"), "off");
  await arabic.click();
  await settle(page);
  await page.getByRole("group", { name: t("fr", "ui.keyboard.title", { layout: t("fr", "ui.keyboard.arabic") }) }).waitFor();
  await pressKeys(page, [..."ياسمين"]);
  assert.equal(await arabic.inputValue(), "ياسمين");
  await pressKeys(page, [t("fr", "ui.keyboard.erase")]);
  assert.equal(await arabic.inputValue(), "ياسمي");

  const latin = page.getByLabel(t("fr", "ui.field.given_name_latin"), { exact: true });
  await latin.click();
  await settle(page);
  await pressKeys(page, [t("fr", "ui.keyboard.tifinagh"), ..."ⴰⵣⵓⵍ"]);
  assert.equal(await latin.inputValue(), "ⴰⵣⵓⵍ");
  await pressKeys(page, [t("fr", "ui.keyboard.azerty"), t("fr", "ui.keyboard.shift"), "Y", "a"]);  // Shift shows capitals, once
  assert.equal(await latin.inputValue(), "ⴰⵣⵓⵍYa");
  await pressKeys(page, [t("fr", "ui.keyboard.close")]);
  assert.equal(await page.getByRole("group", { name: /Clavier/ }).count(), 0);
  await context.close();
});

test("an idle kiosk counts down, a touch cancels, then everything of the person is wiped but the file still to send", { timeout: 180000 }, async () => {
  const { page, context } = await kiosk("&idle=30");
  const before = storedFiles();
  await fillFile(page, "fr");
  await page.evaluate((name) => { localStorage.setItem("note", name); sessionStorage.setItem("note", name); }, child.given_name_latin);
  await product.kill();
  await context.setOffline(true);
  await press(page, "fr", "ui.button.send");
  await page.locator("#send-status").filter({ hasText: t("fr", "ui.send.queued") }).waitFor();
  assert.equal((await storedRecords(page, "drafts")).length, 1);

  // The countdown appears, and any touch cancels it.
  const warning = page.locator("#idle-warning");
  await warning.waitFor({ timeout: 40000 });
  assert.match(await warning.textContent(), /secondes/);
  await page.mouse.click(5, 300);
  await warning.waitFor({ state: "detached", timeout: 5000 });

  // Untouched, the kiosk wipes itself and shows the Start screen.
  await warning.waitFor({ timeout: 40000 });
  await onScreen(page, "ar", "ui.start.heading");
  await settle(page);
  const left = await leftovers(page);
  for (const secret of [child.given_name_latin, child.family_name_latin, child.given_name_ar, "f.benaissa@example.ma"]) {
    assert.ok(!left.html.includes(secret), `${secret} is not in the DOM`);
    assert.ok(!left.title.includes(secret));
  }
  assert.deepEqual(left.inputs, [], "no input keeps a value");
  assert.equal(left.local, 0, "web storage is empty");
  assert.deepEqual(await storedRecords(page, "drafts"), [], "no draft is left");
  const outbox = await storedRecords(page, "outbox");
  assert.equal(outbox.length, 1, "the file still to send stays");
  assert.equal(outbox[0].state === "queued" || outbox[0].state === "sending", true);
  assert.ok(!JSON.stringify(outbox).includes(child.given_name_latin), "sealed");

  // The network returns: the file goes, once, though its family has left.
  await product.restart();
  await context.setOffline(false);
  const until = Date.now() + 60000;
  while (storedFiles() !== before + 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  assert.equal(storedFiles(), before + 1);
  await context.close();
});

test("a kiosk forgets the family as soon as the receipt is printed", { timeout: 180000 }, async () => {
  const { page, context } = await kiosk();
  await fillFile(page, "fr");
  await press(page, "fr", "ui.button.send");
  await receiptReference(page, "fr");
  await page.evaluate(() => { window.print = () => {}; });  // no print dialog in a test
  await press(page, "fr", "ui.receipt.print");
  await onScreen(page, "ar", "ui.start.heading");
  await settle(page);
  const left = await leftovers(page);
  assert.ok(!left.html.includes(child.given_name_latin));
  assert.deepEqual(left.inputs, []);
  assert.deepEqual(await storedRecords(page, "drafts"), []);
  assert.deepEqual(await storedRecords(page, "outbox"), [], "a sent file leaves nothing behind");
  await context.close();
});
