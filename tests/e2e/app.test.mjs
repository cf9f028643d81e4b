// Browser tests of the parents' app against the real product: tasjil-server on SQLite serving
// the built app, e-mails to aiosmtpd, in Debian's Chromium. Every control is found by its role
// and its name in the language of the test.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { launch, openApp, settle, frameCount, artifactDir, shootPage } from "./browser.mjs";
import { startProduct } from "./server.mjs";
import { fillFile, receiptReference, press, onScreen, t, languageNames, type, useDriver, typeBirthDateForLookUp } from "./flow.mjs";

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol: the page's Content-Security-Policy stays as served.
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const clockAt = "2026-04-10T09:00:00";  // in the registration window of the server's 2026-2027
let env, product;
before(async () => {
  env = await launch();
  product = await startProduct({ schoolYear: "2026-2027" });
  mkdirSync(artifactDir, { recursive: true });
});
after(async () => { await product.stop(); await env.close(); });

const open = (options = {}) => {
  useDriver("mouse");
  return openApp(env.browser, product.url, { clockAt, ...options });
};

/** Files stored by the server (read from its SQLite database beside it). */
const storedFiles = () => product.storedFiles();

async function axe(page, label) {
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document.getElementById("a11y").parentElement, {
      resultTypes: ["violations"],
      rules: { "color-contrast": { enabled: false } },  // the canvas draws the colours (docs/app.md)
    });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
  assert.deepEqual(result, [], `axe-core on ${label}`);
}

async function statusOf(reference, birth) {
  const res = await fetch(new URL(`/api/v1/files/${reference}?birth_date=${birth}`, product.url));
  return { status: res.status, body: await res.json() };
}

for (const lang of ["ar", "zgh", "fr"]) {
  test(`a complete registration in ${lang}, typed through the DOM, ends on a receipt the server confirms`, async () => {
    const { page, errors, context } = await open();
    const before = storedFiles();
    await fillFile(page, lang, {
      email: `parent.${lang}@example.ma`,
      screenshot: async (name) => {
        await shootPage(page, join(artifactDir, `flow-${name}.${lang}.png`));
        await axe(page, `${name} in ${lang}`);
      },
    });
    await press(page, lang, "ui.button.send");
    const reference = await receiptReference(page, lang);
    await shootPage(page, join(artifactDir, `flow-receipt.${lang}.png`));
    await axe(page, `receipt in ${lang}`);
    const status = await statusOf(reference, "2020-09-14");
    assert.equal(status.status, 200);
    assert.equal(status.body.reference, reference);
    assert.equal(storedFiles(), before + 1);
    // The acknowledgement reaches the SMTP server, for this parent, with the reference.
    let mail;
    for (let i = 0; i < 100 && !mail; ++i) {
      mail = product.messages().find((m) => m.to.includes(`parent.${lang}@example.ma`));
      if (!mail) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(mail, "the acknowledgement e-mail arrived");
    assert.ok(mail.body.includes(reference));
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => window.TasjilPlatform.problems), []);
    await context.close();
  });
}

test("a staff approval through the API shows in the parent's status look-up screen", async () => {
  const { page, context } = await open();
  await fillFile(page, "fr");
  await press(page, "fr", "ui.button.send");
  const reference = await receiptReference(page, "fr");
  product.createStaff("martil.director", "a long enough password", "school", "57303B");
  const login = await fetch(new URL("/api/v1/staff/sessions", product.url), {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "martil.director", password: "a long enough password" }),
  });
  const { token } = await login.json();
  const decision = await fetch(new URL(`/api/v1/staff/files/${reference}/decision`, product.url), {
    method: "POST", headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ decision: "approve" }),
  });
  assert.equal(decision.status, 200);
  await press(page, "fr", "ui.receipt.look_up");
  await onScreen(page, "fr", "ui.status.heading");
  await typeBirthDateForLookUp(page, "fr");
  await press(page, "fr", "ui.status.button");
  await page.locator("#status-result").filter({ hasText: t("fr", "status.approved") }).waitFor();
  await shootPage(page, join(artifactDir, "flow-status.fr.png"));
  await axe(page, "status look-up");
  await context.close();
});

test("a child below the legal age is told why, with the dates and the first possible year", async () => {
  const { page, context } = await open();
  await fillFile(page, "fr", { birth: ["15", "06", "2021"] });
  await press(page, "fr", "ui.button.back");  // Declarations → Check → Eligibility
  await press(page, "fr", "ui.button.back");
  await onScreen(page, "fr", "ui.eligibility.heading");
  const text = await page.locator("#eligibility-outcome").textContent();
  // The dates in words, as the parent reads them everywhere (CLDR's French month names).
  assert.ok(text.includes("15 juin 2021") && text.includes("31 mars 2021"), text);
  assert.ok(text.includes("2027-2028"), text);
  await context.close();
});

test("a school that does not serve the residence is explained before and after it is chosen", async () => {
  const { page, context } = await open();
  await fillFile(page, "fr", { otherSchool: true });
  await press(page, "fr", "ui.button.back");
  await press(page, "fr", "ui.button.back");
  await onScreen(page, "fr", "ui.eligibility.heading");
  await page.locator("#eligibility-school").waitFor({ state: "attached" });
  assert.equal(await page.locator("#eligibility-school").textContent(), t("fr", "ui.eligibility.not_serving"));
  await context.close();
});

test("a 422 from the server is shown on its field and screen, the parent taken there", async () => {
  const { page, context } = await open();
  await fillFile(page, "fr");
  // An answer changed on its way (as an older app would send it): the server refuses it.
  await page.route("**/api/v1/files", async (route) => {
    const body = JSON.parse(route.request().postData());
    body.mother.cin = "12345";
    await route.continue({ postData: JSON.stringify(body) });
  }, { times: 1 });
  await press(page, "fr", "ui.button.send");
  await onScreen(page, "fr", "ui.parents.heading");
  await page.getByRole("alert").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary");
  await page.getByRole("link", { name: t("fr", "cin.invalid") }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "mother-cin");
  await context.close();
});

test("a device whose clock is in another school year files for the year the server takes", async () => {
  // June 2025 by the device's clock (2025-2026), while the server takes 2026-2027 files. (A
  // clock ahead of the server's dates the file in the future: refused as such, in words.)
  const { page, context } = await open({ clockAt: "2025-06-02T09:00:00" });
  const before = storedFiles();
  await fillFile(page, "fr");
  await press(page, "fr", "ui.button.send");
  const reference = await receiptReference(page, "fr");
  assert.equal(storedFiles(), before + 1);
  assert.equal(product.query(`select school_year from files where reference = '${reference}'`)[0][0], "2026-2027");
  await context.close();
});

test("a refusal no answer can fix is explained on the send screen, with nothing to correct and no loop", async () => {
  const { page, context } = await open();
  const before = storedFiles();
  await fillFile(page, "fr");
  // The year the file names is no longer open (sent as a stale draft would): the real server
  // refuses it; the file takes the server's year and the next press sends it.
  await page.route("**/api/v1/files", async (route) => {
    const body = JSON.parse(route.request().postData());
    body.school_year = "2025-2026";
    await route.continue({ postData: JSON.stringify(body) });
  }, { times: 1 });
  await press(page, "fr", "ui.button.send");
  await page.locator("#send-status").filter({ hasText: t("fr", "ui.send.year_changed").slice(0, 40) }).waitFor();
  await onScreen(page, "fr", "ui.declarations.heading");
  assert.equal(await page.locator("#error-summary").count(), 0);
  // The window, as a server before its opening date answers: said in its words, where the parent is.
  const opens = "2026-04-01";
  await page.route("**/api/v1/files", (route) => route.fulfill({
    status: 422, contentType: "application/json",
    body: JSON.stringify({ code: "file.invalid", message: t("fr", "file.invalid"),
      errors: [{ pointer: "", code: "window.not_open", message: t("fr", "window.not_open", { opens }), params: { opens } }] }),
  }), { times: 2 });
  for (let i = 0; i < 2; i++) {
    await press(page, "fr", "ui.button.send");
    // The date in words, as the app writes every date.
    await page.locator("#send-status").filter({ hasText: t("fr", "window.not_open", { opens: "1 avril 2026" }) }).waitFor();
    await onScreen(page, "fr", "ui.declarations.heading");
    assert.match(await page.locator("#send-status").innerText(), new RegExp(t("fr", "ui.send.refused").slice(0, 30)));
    assert.equal(await page.locator("#error-summary").count(), 0);
  }
  await press(page, "fr", "ui.button.send");
  await receiptReference(page, "fr");
  assert.equal(storedFiles(), before + 1);
  await context.close();
});

test("any country is found by a few letters, in French or in Arabic", async () => {
  const { page, context } = await open();
  await page.getByRole("button", { name: languageNames.fr, exact: true }).click();
  await settle(page, 100);
  await press(page, "fr", "ui.start.button");
  await onScreen(page, "fr", "ui.child.heading");
  await page.getByRole("radio", { name: t("fr", "ui.answer.no"), exact: true }).click();
  await settle(page, 100);
  // Far from the twenty listed first: New Zealand by its French name, then by its Arabic one.
  await type(page, t("fr", "ui.field.birth_country"), "zéla", page);
  await settle(page, 100);
  const nz = page.getByRole("radio", { name: t("fr", "ui.country.NZ"), exact: true });
  await nz.waitFor({ state: "attached" });
  // What is being typed is seen: the browser draws the box in edition, and nothing above it
  // (its groups, the main landmark) makes it transparent.
  const seen = await page.evaluate(() => {
    let opacity = 1;
    for (let el = document.activeElement; el; el = el.parentElement) opacity *= Number(getComputedStyle(el).opacity);
    const box = /** @type {HTMLInputElement} */ (document.activeElement);
    return { id: box.id, value: box.value, opacity };
  });
  assert.deepEqual(seen, { id: "child-birth_place-country-search", value: "zéla", opacity: 1 });
  await type(page, t("fr", "ui.field.birth_country"), "نيوزي", page);
  await settle(page, 100);
  await nz.click();
  await settle(page, 100);
  assert.ok(await nz.isChecked());
  await context.close();
});

test("a sent file is closed on the device, and a message's link opens the look-up with its reference", async () => {
  const { page, context } = await open();
  await fillFile(page, "fr");
  await press(page, "fr", "ui.button.send");
  const reference = await receiptReference(page, "fr");
  // Opened again: the receipt, the look-up and another child are offered, never the answers.
  await page.reload();
  await onScreen(page, "fr", "ui.start.heading");
  await page.getByRole("button", { name: t("fr", "ui.start.sent_receipt"), exact: true }).waitFor();
  assert.equal(await page.getByRole("button", { name: t("fr", "ui.draft.continue"), exact: true }).count(), 0);
  assert.equal(await page.getByText(t("fr", "ui.draft.saved")).count(), 0);
  await press(page, "fr", "ui.start.sent_receipt");
  await onScreen(page, "fr", "ui.receipt.heading");
  assert.equal(await page.getByText("El Alaoui").count(), 0);  // the family name is not kept
  await context.close();
  // The link every message carries: the look-up, the reference filled in, the birth date asked.
  const linked = await openApp(env.browser, new URL(`/?ref=${reference}`, product.url).href, { clockAt });
  await linked.page.getByRole("button", { name: languageNames.fr, exact: true }).click();
  await onScreen(linked.page, "fr", "ui.status.heading");
  assert.equal(await linked.page.getByLabel(t("fr", "ui.field.reference"), { exact: true }).inputValue(), reference);
  assert.ok(!(await linked.page.evaluate(() => location.search.includes("ref="))));
  await linked.context.close();
});

test("a shared tablet forgets the family before: after A sends and looks up its status, B sees nothing of A", async () => {
  useDriver("mouse");
  const { page, context } = await openApp(env.browser, product.url + "?mode=tablet", { clockAt });
  await fillFile(page, "fr", { tablet: true });
  await press(page, "fr", "ui.button.send");
  const reference = await receiptReference(page, "fr");
  await press(page, "fr", "ui.receipt.look_up");
  await onScreen(page, "fr", "ui.status.heading");
  await typeBirthDateForLookUp(page, "fr");
  await press(page, "fr", "ui.status.button");
  await page.locator("#status-result").waitFor();
  // Back returns to the receipt the parent came from, which starts the next family's file.
  await press(page, "fr", "ui.button.back");
  await onScreen(page, "fr", "ui.receipt.heading");
  await press(page, "fr", "ui.receipt.new_file");
  await onScreen(page, "fr", "ui.start.heading");
  await press(page, "fr", "ui.files.button");
  await onScreen(page, "fr", "ui.files.heading");
  await press(page, "fr", "ui.files.new");
  await onScreen(page, "fr", "ui.child.heading");
  /** Nothing of family A: not in what is shown or read aloud, not in any input's value. */
  const forgotten = async (where) => {
    await settle(page, 200);
    const text = await page.locator("#a11y").evaluate((el) => el.textContent);
    const values = await page.$$eval("input, select, textarea", (els) => els.map((e) => /** @type {HTMLInputElement} */ (e).value).join("|"));
    for (const a of [reference, "Yasmine", "ياسمين", "El Alaoui", "f.benaissa"]) {
      assert.ok(!text.includes(a), `${where}: ${a} is in the page`);
      assert.ok(!values.includes(a), `${where}: ${a} is in an input`);
    }
  };
  await forgotten("the new file's first screen");
  await press(page, "fr", "ui.button.back");
  await onScreen(page, "fr", "ui.start.heading");
  await forgotten("the start page");
  await press(page, "fr", "ui.start.status_button");
  await onScreen(page, "fr", "ui.status.heading");
  await forgotten("the status look-up");
  assert.equal(await page.getByLabel(t("fr", "ui.field.reference"), { exact: true }).inputValue(), "");
  await context.close();
});

test("a network failure during Send keeps the file; the retry stores it once", async () => {
  const { page, context } = await open();
  const before = storedFiles();
  await fillFile(page, "fr");
  await page.route("**/api/v1/files", (route) => route.abort("internetdisconnected"), { times: 1 });
  await press(page, "fr", "ui.button.send");
  await page.locator("#send-status").filter({ hasText: t("fr", "ui.send.offline") }).waitFor();
  assert.ok(await page.getByRole("checkbox", { name: t("fr", "ui.field.information_accurate") }).isChecked());
  await press(page, "fr", "ui.button.send");
  await receiptReference(page, "fr");
  assert.equal(storedFiles(), before + 1);
  await context.close();
});

test("a double press on Send stores one file and posts once", async () => {
  const { page, context } = await open();
  const before = storedFiles();
  await fillFile(page, "fr");
  let posts = 0;
  page.on("request", (r) => { if (r.method() === "POST" && r.url().endsWith("/api/v1/files")) ++posts; });
  await page.getByRole("button", { name: t("fr", "ui.button.send"), exact: true }).dblclick();
  await receiptReference(page, "fr");
  await press(page, "fr", "ui.button.back").catch(() => {});  // there is no Back on the receipt
  assert.equal(posts, 1);
  assert.equal(storedFiles(), before + 1);
  await context.close();
});

test("the whole flow with the keyboard alone", async () => {
  const { page, context } = await open();
  await page.keyboard.press("Tab");
  await fillFile(page, "fr", { using: "keyboard" });
  await press(page, "fr", "ui.button.send");
  await receiptReference(page, "fr");
  await context.close();
});

test("the whole flow by taps on a 360×640 touch viewport, the page scrolling natively", async () => {
  const { page, context } = await open({ viewport: { width: 360, height: 640 }, hasTouch: true, isMobile: true });
  await fillFile(page, "ar", { using: "touch", screenshot: async (name) => {
    await page.screenshot({ path: join(artifactDir, `phone-${name}.ar.png`) });
  } });
  await press(page, "ar", "ui.button.send");
  await receiptReference(page, "ar");
  const scrolled = await page.evaluate(() => document.documentElement.scrollHeight > innerHeight);
  assert.ok(scrolled, "the document is taller than the viewport and scrolls");
  await context.close();
});

test("scrollIntoView of any element brings its widget into view, and the canvas follows", async () => {
  const { page, context } = await open({ viewport: { width: 360, height: 640 } });
  await page.getByRole("button", { name: languageNames.fr, exact: true }).click();
  await press(page, "fr", "ui.start.button");
  await onScreen(page, "fr", "ui.child.heading");
  const nationality = page.getByLabel(t("fr", "ui.field.nationality"), { exact: true });
  await nationality.evaluate((el) => el.scrollIntoView());
  await settle(page);
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 300, `scrolled to ${y}`);
  const box = await nationality.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 640, "the control is in the viewport");
  // The canvas drew the page at that scroll position: the app read it.
  const frames = await frameCount(page);
  await page.mouse.wheel(0, -200);
  await settle(page);
  assert.ok(await frameCount(page) > frames, "a scroll draws the canvas again");
  await context.close();
});

test("errors show inline and in a summary that takes focus and leads to each field", async () => {
  const { page, context } = await open();
  await page.getByRole("button", { name: languageNames.ar, exact: true }).click();
  await press(page, "ar", "ui.start.button");
  await type(page, t("ar", "ui.field.given_name_ar"), "Yasmine", page);
  await press(page, "ar", "ui.button.continue");
  await page.getByRole("alert").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary");
  await page.getByRole("link", { name: t("ar", "name.not_arabic") }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "child-given_name_ar");
  assert.equal(await page.getByLabel(t("ar", "ui.field.given_name_ar"), { exact: true }).inputValue(), "Yasmine");
  await shootPage(page, join(artifactDir, "errors.ar.png"));
  await context.close();
});

test("IME composition delivers the committed text to the model", async () => {
  const { page, context } = await open();
  await page.getByRole("button", { name: languageNames.fr, exact: true }).click();
  await press(page, "fr", "ui.start.button");
  const field = page.getByLabel(t("fr", "ui.field.given_name_ar"), { exact: true });
  await field.click();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Input.imeSetComposition", { text: "ي", selectionStart: 1, selectionEnd: 1 });
  await cdp.send("Input.imeSetComposition", { text: "يو", selectionStart: 2, selectionEnd: 2 });
  await cdp.send("Input.insertText", { text: "يوسف" });
  await settle(page);
  await page.keyboard.press("Tab");
  await settle(page);
  assert.equal(await field.inputValue(), "يوسف");
  await context.close();
});

test("no frame is drawn, and nothing reshaped, while nothing changes", async () => {
  const { page, context } = await open();
  await settle(page);
  const before = await frameCount(page);
  await page.waitForTimeout(2000);
  assert.equal(await frameCount(page), before, "0 frames over 2 s of idleness");
  const shaped = await page.evaluate(() => window.Module["_tasjil_shape_count"]());
  await page.mouse.move(300, 300);
  await page.waitForTimeout(200);
  assert.ok(await frameCount(page) > before, "input wakes the app");
  await page.mouse.move(320, 340);
  await settle(page);
  assert.equal(await page.evaluate(() => window.Module["_tasjil_shape_count"]()), shaped,
               "frames where no string changed reshape nothing");
  await context.close();
});

test("a lost WebGL context is restored and the page drawn again", async () => {
  const { page, errors, context } = await open();
  await settle(page);
  await page.evaluate(() => {
    const canvas = /** @type {HTMLCanvasElement} */ (document.getElementById("canvas"));
    const gl = canvas.getContext("webgl2");
    window.__lose = gl.getExtension("WEBGL_lose_context");
    window.__lose.loseContext();
  });
  await page.waitForTimeout(200);
  const before = await frameCount(page);
  await page.evaluate(() => window.__lose.restoreContext());
  await page.waitForFunction((n) => window.Module["_tasjil_frame_count"]() > n, before);
  await page.getByRole("button", { name: languageNames.fr, exact: true }).click();
  await onScreen(page, "fr", "ui.start.heading");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the receipt prints from the page's own text, with the QR code as SVG", async () => {
  const { page, context } = await open();
  await fillFile(page, "fr");
  await press(page, "fr", "ui.button.send");
  await receiptReference(page, "fr");
  await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
  await press(page, "fr", "ui.receipt.print");
  await page.waitForFunction(() => window.__printed === 1);
  assert.ok((await page.locator("#receipt-qr").getAttribute("src")).startsWith("data:image/svg+xml"));
  await page.emulateMedia({ media: "print" });
  await page.pdf({ path: join(artifactDir, "receipt.fr.pdf"), format: "A4" });
  const visible = await page.locator("#receipt-reference").evaluate((el) => getComputedStyle(el).opacity);
  assert.equal(visible, "1");
  await context.close();
});

test("at 200 % zoom (a 1024×900 window is 512×450 CSS px at 2 device pixels each) every screen reflows", async () => {
  const { page, context } = await open({ viewport: { width: 512, height: 450 }, deviceScaleFactor: 2 });
  await fillFile(page, "fr", { screenshot: async (name) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `${name}: no horizontal scrolling (${overflow} px too wide)`);
    await page.screenshot({ path: join(artifactDir, `zoom200-${name}.fr.png`) });
  } });
  await press(page, "fr", "ui.button.send");
  await receiptReference(page, "fr");
  await context.close();
});
