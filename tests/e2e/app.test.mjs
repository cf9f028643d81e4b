// Browser tests of the app platform and the child identity step, in Debian's Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch, openApp, settle, frameCount, artifactDir } from "./browser.mjs";

let env;
before(async () => {
  env = await launch();
  mkdirSync(artifactDir, { recursive: true });
});
after(async () => { await env.close(); });

async function chooseLanguage(page, name) {
  await page.getByRole("button", { name, exact: true }).click();
  await page.getByRole("textbox").first().waitFor();
  await settle(page);
}

async function rectOf(locator) {
  const box = await locator.boundingBox();
  assert.ok(box, "element has a box");
  return box;
}

test("the app loads, draws, and speaks Arabic by default", async () => {
  const { page, errors, context } = await openApp(env.browser, env.site.url);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ar");
  assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
  await page.getByRole("heading", { name: "اختر لغتك" }).waitFor();
  for (const name of ["العربية", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "Français"]) {
    await page.getByRole("button", { name, exact: true }).waitFor();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("typed Arabic and French names reach the model through the DOM input path", async () => {
  const { page, errors, context } = await openApp(env.browser, env.site.url);
  await chooseLanguage(page, "العربية");
  assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
  // keyboard.type sends Arabic and accented letters as insertText, as phone keyboards do.
  await page.getByLabel("الاسم العائلي (بالعربية)").click();
  await page.keyboard.type("العلوي");
  await page.keyboard.press("Enter");  // Enter moves to the next field
  assert.equal(await page.evaluate(() => document.activeElement.id), "given_name_ar");
  await page.keyboard.type("ياسمين");
  await page.keyboard.press("Tab");
  await page.keyboard.type("El Alaoui");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Élodie-Yasmine");
  await page.getByRole("radio", { name: "أنثى" }).check();
  await page.getByLabel("اليوم").fill("14");
  await page.getByLabel("الشهر").fill("09");
  await page.getByLabel("السنة").fill("2020");
  await settle(page);
  // The semantic layer republishes values from the C++ model: blur, then read them back.
  await page.getByRole("heading").first().click({ force: true });
  await settle(page);
  assert.equal(await page.getByLabel("الاسم الشخصي (بالعربية)").inputValue(), "ياسمين");
  assert.equal(await page.getByLabel("الاسم الشخصي (بالحروف اللاتينية)").inputValue(), "Élodie-Yasmine");
  await page.getByRole("button", { name: "متابعة" }).click();
  await page.getByRole("heading", { name: "تحقق من هوية الطفل" }).waitFor();
  for (const value of ["العلوي", "ياسمين", "El Alaoui", "Élodie-Yasmine", "أنثى", "14 / 09 / 2020"]) {
    await page.getByText(value, { exact: true }).waitFor();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("IME composition delivers the committed text to the model", async () => {
  const { page, context } = await openApp(env.browser, env.site.url);
  await chooseLanguage(page, "Français");
  const field = page.getByLabel("Prénom (en arabe)");
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

test("labels sit on the reading-start side: right of their field in Arabic, left in French", async () => {
  const { page, context } = await openApp(env.browser, env.site.url);
  await chooseLanguage(page, "العربية");
  const ids = ["family_name_ar", "given_name_ar", "family_name_latin", "given_name_latin"];
  for (const id of ids) {
    const label = await rectOf(page.locator(`label[for="${id}"]`));
    const field = await rectOf(page.locator(`#${id}`));
    assert.ok(label.x >= field.x + field.width, `${id}: label right of field in Arabic`);
  }
  await page.getByRole("combobox", { name: "اللغة" }).selectOption("fr");
  await page.getByLabel("Nom de famille (en arabe)").waitFor();
  await settle(page);
  assert.equal(await page.evaluate(() => document.documentElement.dir), "ltr");
  for (const id of ids) {
    const label = await rectOf(page.locator(`label[for="${id}"]`));
    const field = await rectOf(page.locator(`#${id}`));
    assert.ok(label.x + label.width <= field.x, `${id}: label left of field in French`);
  }
  await context.close();
});

test("switching language keeps every value entered", async () => {
  const { page, context } = await openApp(env.browser, env.site.url);
  await chooseLanguage(page, "Français");
  await page.getByLabel("Nom de famille (en lettres latines)").fill("Benali");
  await page.getByLabel("Jour").fill("3");
  await page.getByRole("radio", { name: "Garçon" }).check();
  const language = page.getByRole("combobox", { name: "Langue" });
  assert.deepEqual(await language.locator("option").allTextContents(), ["العربية", "ⵜⴰⵎⴰⵣⵉⵖⵜ", "Français"]);
  await language.selectOption("zgh");
  await page.getByLabel("ⴰⵙⵙ").waitFor();
  await settle(page);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "zgh");
  assert.equal(await page.getByLabel("ⵉⵙⵎ ⵏ ⵜⵡⵊⵊⴰ (ⵙ ⵉⵙⴽⴽⵉⵍⵏ ⵉⵍⴰⵜⵉⵏⵏ)").inputValue(), "Benali");
  assert.equal(await page.getByLabel("ⴰⵙⵙ").inputValue(), "3");
  assert.equal(await page.getByRole("radio", { name: "ⴰⵔⴱⴰ", exact: true }).isChecked(), true);
  await context.close();
});

test("errors show inline and in a summary that takes focus and leads to each field", async () => {
  const { page, context } = await openApp(env.browser, env.site.url);
  await chooseLanguage(page, "Français");
  await page.getByLabel("Prénom (en arabe)").fill("Yasmine");  // Latin in an Arabic field
  await page.getByLabel("Jour").fill("31");
  await page.getByLabel("Mois").fill("02");
  await page.getByLabel("Année").fill("2020");
  await page.getByRole("button", { name: "Continuer" }).click();
  const summary = page.getByRole("alert");
  await summary.waitFor();
  await settle(page);
  assert.equal(await page.evaluate(() => document.activeElement.id), "error-summary");
  const text = await summary.textContent();
  assert.match(text, /Prénom \(en arabe\) : Écrivez ce nom en lettres arabes/);
  assert.match(text, /Date de naissance : Date de naissance invalide/);
  const field = page.getByLabel("Prénom (en arabe)");
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  await page.getByRole("link", { name: /Prénom \(en arabe\)/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), "given_name_ar");
  // Fixing the field clears its message without waiting for the next Continue.
  await field.fill("ياسمين");
  await settle(page);
  assert.equal(await field.getAttribute("aria-invalid"), null);
  await context.close();
});

test("an invisible character pasted into a name is named in the parent's language", async () => {
  const { page, context } = await openApp(env.browser, env.site.url);
  await chooseLanguage(page, "العربية");
  // A right-to-left override and a zero-width non-joiner, as text copied from elsewhere brings.
  await page.getByLabel("الاسم العائلي (بالعربية)").fill("العلوي\u202E");
  await page.getByLabel("الاسم الشخصي (بالعربية)").fill("يا\u200Cسمين");
  await page.getByRole("button", { name: "متابعة" }).click();
  const summary = page.getByRole("alert");
  await summary.waitFor();
  await settle(page);
  const text = await summary.textContent();
  assert.match(text, /الاسم العائلي \(بالعربية\): يحتوي النص على رمز غير مرئي/);
  assert.match(text, /الاسم الشخصي \(بالعربية\): يحتوي النص على رمز غير مرئي/);
  // Nothing typed is lost: the field keeps the text, to be corrected.
  assert.equal(await page.getByLabel("الاسم الشخصي (بالعربية)").inputValue(), "يا\u200Cسمين");
  await context.close();
});

test("no frame is drawn, and nothing reshaped, while nothing changes", async () => {
  const { page, context } = await openApp(env.browser, env.site.url);
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
  const { page, errors, context } = await openApp(env.browser, env.site.url);
  await settle(page);
  await page.evaluate(() => {
    const gl = document.getElementById("canvas").getContext("webgl2");
    window.__lose = gl.getExtension("WEBGL_lose_context");
    window.__lose.loseContext();
  });
  await page.waitForTimeout(200);
  const before = await frameCount(page);
  await page.evaluate(() => window.__lose.restoreContext());
  await page.waitForFunction((n) => window.Module["_tasjil_frame_count"]() > n, before);
  await page.getByRole("button", { name: "Français", exact: true }).click();
  await page.getByLabel("Prénom (en arabe)").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("paste from the clipboard goes into the field", async () => {
  const { page, context } = await openApp(env.browser, env.site.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await chooseLanguage(page, "Français");
  const field = page.getByLabel("Nom de famille (en lettres latines)");
  await field.click();
  await page.evaluate(() => navigator.clipboard.writeText("Ait Benhaddou"));
  await page.keyboard.press("Control+V");
  await settle(page);
  assert.equal(await field.inputValue(), "Ait Benhaddou");
  await context.close();
});

test("on a phone: tap opens the field, labels stack above fields, dragging scrolls", async () => {
  const { page, context } = await openApp(env.browser, env.site.url, {
    viewport: { width: 390, height: 740 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  await page.getByRole("button", { name: "Français", exact: true }).tap();
  const field = page.getByLabel("Nom de famille (en arabe)");
  await field.waitFor();
  await settle(page);
  const label = await rectOf(page.locator('label[for="family_name_ar"]'));
  const box = await rectOf(field);
  assert.ok(label.y + label.height <= box.y, "label above its field");
  assert.ok(box.height >= 48, "touch target at least 48 px");
  await field.tap();
  assert.equal(await page.evaluate(() => document.activeElement.id), "family_name_ar");
  // A vertical drag scrolls the page: the heading moves up.
  const heading = page.getByRole("heading", { name: "Identité de l'enfant" });
  const y0 = (await rectOf(heading)).y;
  const cdp = await context.newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: 200, y: 600 }] });
  for (let y = 580; y >= 300; y -= 20) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: 200, y }] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await settle(page);
  const y1 = (await rectOf(heading)).y;
  assert.ok(y1 < y0 - 100, `dragging scrolled (${y0} -> ${y1})`);
  await context.close();
});

test("screenshots in the three languages at DPR 1 and 2", async () => {
  for (const dpr of [1, 2]) {
    for (const [lang, button] of [["ar", "العربية"], ["zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"], ["fr", "Français"]]) {
      const { page, context } = await openApp(env.browser, env.site.url, {
        viewport: { width: 1024, height: 1100 }, deviceScaleFactor: dpr });
      await chooseLanguage(page, button);
      await page.locator("#continue").click();  // Continue with nothing filled: errors shown
      await page.getByRole("alert").waitFor();
      await settle(page);
      await page.screenshot({ path: join(artifactDir, `child-identity-${lang}-dpr${dpr}.png`) });
      const size = await page.evaluate(() => [document.getElementById("canvas").width, innerWidth]);
      assert.equal(size[0], size[1] * dpr, "canvas backing store follows the pixel ratio");
      await context.close();
    }
  }
});
