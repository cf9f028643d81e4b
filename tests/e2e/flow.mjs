// Walks the parents' flow through the DOM as a parent would: finds every control by its role
// and its name in the chosen language (from the shipped catalogues), types with the keyboard,
// and presses the visible buttons.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sourceDir, settle, artifactDir } from "./browser.mjs";

/** The messages of catalogue `file` (e.g. "fr.json", "staff/fr.json") with, for a language's
 *  own catalogue, the month and country names the build took from CLDR (build/cldr). */
export function catalogueMessages(file) {
  const read = (...p) => JSON.parse(readFileSync(join(sourceDir, ...p), "utf8")).messages;
  const own = read("assets", "i18n", file);
  return file.includes("/") ? own : { ...own, ...read("build", "cldr", file) };
}

const catalogues = Object.fromEntries(["ar", "zgh", "fr"].map((l) => [l, catalogueMessages(`${l}.json`)]));

/** The interface text of `key` in `lang`, with {params} filled. */
export function t(lang, key, params = {}) {
  let text = catalogues[lang][key];
  if (text === undefined) throw new Error(`no ${key} in ${lang}`);
  for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, v);
  return text;
}

export const languageNames = { ar: "العربية", zgh: "ⵜⴰⵎⴰⵣⵉⵖⵜ", fr: "Français" };

export const child = {
  family_name_ar: "العلوي", given_name_ar: "ياسمين", family_name_latin: "El Alaoui",
  given_name_latin: "Yasmine", birth: ["14", "09", "2020"],
};

// How the parent operates the page. Each driver only uses what that parent has: a mouse and a
// keyboard, a keyboard alone (Tab, arrows, Space, Enter), or a finger on a phone (taps on
// visible elements). Typing is always keyboard input into the focused field.
const isFocused = (loc) => loc.evaluate((el) => el === document.activeElement);

async function tabTo(page, loc) {
  for (let i = 0; i < 300; ++i) {
    if (await isFocused(loc)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached " + loc);
}

export const drivers = {
  mouse: {
    fill: async (page, loc, text) => { await loc.click(); await loc.press("Control+A"); await loc.pressSequentially(text); },
    check: async (page, loc) => { await loc.check(); },
    select: async (page, loc, value) => { await loc.selectOption(value); },
    press: async (page, loc) => { await loc.click(); },
  },
  keyboard: {
    fill: async (page, loc, text) => { await tabTo(page, loc); await page.keyboard.press("Control+A"); await page.keyboard.type(text); },
    check: async (page, loc) => {
      if (await loc.isChecked()) return;
      const radio = (await loc.getAttribute("type")) === "radio";
      if (radio) {
        // Tab reaches the group's one tab stop; arrows move to the option and choose it.
        const name = await loc.getAttribute("name");
        const inGroup = () => page.evaluate((n) => document.activeElement?.getAttribute("name") === n, name);
        for (let i = 0; i < 300 && !(await inGroup()); ++i) await page.keyboard.press("Tab");
        for (let i = 0; i < 30 && !(await isFocused(loc)); ++i) await page.keyboard.press("ArrowDown");
        if (!(await loc.isChecked())) await page.keyboard.press("Space");
      } else {
        await tabTo(page, loc);
        await page.keyboard.press("Space");
      }
    },
    select: async (page, loc, value) => {
      await tabTo(page, loc);
      for (let i = 0; i < 60 && (await loc.inputValue()) !== value; ++i) await page.keyboard.press("ArrowDown");
    },
    press: async (page, loc) => { await tabTo(page, loc); await page.keyboard.press("Enter"); },
  },
  touch: {
    fill: async (page, loc, text) => { await loc.tap(); await page.keyboard.press("Control+A"); await page.keyboard.type(text); },
    check: async (page, loc) => { if (!(await loc.isChecked())) await loc.tap(); },
    select: async (page, loc, value) => { await loc.tap(); await loc.selectOption(value); },
    press: async (page, loc) => { await loc.tap(); },
  },
};
let driver = drivers.mouse;
/** Chooses how the next steps operate the page ("mouse", "keyboard", "touch"). */
export function useDriver(name) { driver = drivers[name]; }

/** Fills a text field by typing into it (the DOM input path: input events). */
export async function type(scope, label, text, page = currentPage) {
  await driver.fill(page, scope.getByLabel(label, { exact: true }), text);
}
let currentPage = null;

export async function press(page, lang, key) {
  await driver.press(page, page.getByRole("button", { name: t(lang, key), exact: true }));
  await settle(page, 150);
}

async function check(page, loc) {
  // A list that is still redrawn from the last keystroke may replace the option under a key
  // press: the choice is then not made (the screen says so), and a person presses again.
  for (let attempt = 0; attempt < 3; ++attempt) {
    await driver.check(page, loc);
    await settle(page, 60);
    if (await loc.isChecked()) return;
  }
  throw new Error(`${loc} could not be chosen`);
}

/** The heading of the screen, once it is shown. */
export async function onScreen(page, lang, key) {
  const wanted = t(lang, key);
  try {
    await page.getByRole("heading", { level: 1, name: wanted, exact: true }).waitFor();
  } catch (error) {
    // A flow that stops on the wrong screen says which screen it is on and what the page shows.
    const shown = await page.evaluate(() => ({
      heading: document.querySelector("h1")?.textContent ?? "",
      alerts: [...document.querySelectorAll("[role=alert]")].map((e) => e.textContent).filter(Boolean),
      focused: document.activeElement?.outerHTML.slice(0, 160) ?? "",
    })).catch((e) => ({ unreadable: e.message }));
    let shot = join(artifactDir, `stopped-${key}.${lang}.png`);
    await page.screenshot({ path: shot }).catch((e) => { shot = `no screenshot: ${e.message}`; });
    error.message += `\nwanted the screen "${wanted}"; the page shows ${JSON.stringify(shown)} (${shot})`;
    throw error;
  }
}

/** On the status look-up: the child's birth date, which the device no longer keeps once sent. */
export async function typeBirthDateForLookUp(page, lang, birth = child.birth) {
  await date(page, lang, "ui.field.child_birth_date", birth);
}

/** @param {any} scope @param {string} lang @param {string} groupLabel @param {string[]} dmy day, month, year */
async function date(scope, lang, groupLabel, [d, m, y]) {
  // The three boxes are one group named by its question.
  const group = scope.getByRole("group", { name: t(lang, groupLabel), exact: true });
  await type(group, t(lang, "ui.field.day"), d);
  await type(group, t(lang, "ui.field.month"), m);
  await type(group, t(lang, "ui.field.year"), y);
}

/** Chooses in a searchable list: types `query`, then checks the match named by `name`. */
async function search(page, lang, label, query, name) {
  await type(page, t(lang, label), query);
  await check(page, page.getByRole("radio", { name }).first());
  await settle(page, 100);
}

async function person(page, lang, section, p) {
  const group = page.getByRole("group", { name: t(lang, section), exact: true });
  await type(group, t(lang, "ui.field.family_name_ar"), p[0]);
  await type(group, t(lang, "ui.field.given_name_ar"), p[1]);
  await type(group, t(lang, "ui.field.family_name_latin"), p[2]);
  await type(group, t(lang, "ui.field.given_name_latin"), p[3]);
  await type(group, t(lang, "ui.field.cin"), p[4]);
  await type(group, t(lang, "ui.field.phone"), p[5]);
  if (p[6]) await type(group, t(lang, "ui.field.email"), p[6]);
}

/**
 * Fills every screen from Start to Declarations. `birth` and `school` vary the child's age and
 * the school chosen; `screenshot(name)` is called on each screen.
 * @param {import("playwright-core").Page} page
 * @param {string} lang
 * @param {{birth?: string[], email?: string, otherSchool?: boolean,
 *          screenshot?: (name: string) => Promise<void>, using?: string, tablet?: boolean}} [options]
 */
export async function fillFile(page, lang, { birth = child.birth, email = "f.benaissa@example.ma",
  otherSchool = false, screenshot = async () => {}, using = "mouse", tablet = false } = {}) {
  driver = drivers[using];
  currentPage = page;
  await driver.press(page, page.getByRole("button", { name: languageNames[lang], exact: true }));
  await settle(page, 100);
  if (tablet) {
    // A tablet opens on its list of files; a new one starts at the child's screen.
    await onScreen(page, lang, "ui.files.heading");
    await press(page, lang, "ui.files.new");
  } else {
    await onScreen(page, lang, "ui.start.heading");
    await screenshot("start");
    await press(page, lang, "ui.start.button");
  }

  await onScreen(page, lang, "ui.child.heading");
  await type(page, t(lang, "ui.field.family_name_ar"), child.family_name_ar);
  await type(page, t(lang, "ui.field.given_name_ar"), child.given_name_ar);
  await type(page, t(lang, "ui.field.family_name_latin"), child.family_name_latin);
  await type(page, t(lang, "ui.field.given_name_latin"), child.given_name_latin);
  await check(page, page.getByRole("radio", { name: t(lang, "ui.sex.F"), exact: true }));
  await date(page, lang, "ui.field.birth_date", birth);
  await driver.select(page, page.getByLabel(t(lang, "ui.field.birth_province"), { exact: true }), "01.573");
  await settle(page, 100);
  await search(page, lang, "ui.field.birth_commune", "mart", /Martil/);
  await screenshot("child");
  await press(page, lang, "ui.button.continue");

  await onScreen(page, lang, "ui.civil.heading");
  await type(page, t(lang, "ui.field.act_number"), "1432");
  await type(page, t(lang, "ui.field.act_year"), birth[2]);
  await type(page, t(lang, "ui.field.office"), "Martil");
  await screenshot("civil-status");
  await press(page, lang, "ui.button.continue");

  await onScreen(page, lang, "ui.parents.heading");
  await person(page, lang, "ui.parents.father", ["العلوي", "محمد", "El Alaoui", "Mohamed", "L123456", "0661234567"]);
  await person(page, lang, "ui.parents.mother", ["بنعيسى", "فاطمة", "Benaissa", "Fatima", "LC98765", "0700112233", email]);
  await screenshot("parents");
  await press(page, lang, "ui.button.continue");

  await onScreen(page, lang, "ui.contact.heading");
  await screenshot("contact");
  await press(page, lang, "ui.button.continue");

  await onScreen(page, lang, "ui.siblings.heading");
  await screenshot("siblings");
  await press(page, lang, "ui.button.continue");

  await onScreen(page, lang, "ui.residence.heading");
  await driver.select(page, page.getByLabel(t(lang, "ui.field.province"), { exact: true }), "01.573");
  await settle(page, 100);
  await search(page, lang, "ui.field.commune", "مرتيل", /Martil/);
  await search(page, lang, "ui.field.sector", "nahda", /Nahda/);
  await type(page, t(lang, "ui.field.address"), "12, زنقة الياسمين، حي النهضة");
  await screenshot("residence");
  await press(page, lang, "ui.button.continue");

  await onScreen(page, lang, "ui.school.heading");
  if (otherSchool) {
    await press(page, lang, "ui.school.show_others");
    await check(page, page.getByRole("radio", { name: /Ibn Battouta|ابن بطوطة/ }));
  } else {
    await check(page, page.getByRole("radio", { name: /Al Andalous|الأندلس/ }));
  }
  await screenshot("school");
  await press(page, lang, "ui.button.continue");

  await onScreen(page, lang, "ui.eligibility.heading");
  await page.locator("#eligibility-next").waitFor({ state: "attached" });
  await screenshot("eligibility");
  await press(page, lang, "ui.button.continue");

  await onScreen(page, lang, "ui.answers.heading");
  await screenshot("check-answers");
  await press(page, lang, "ui.button.continue");

  await onScreen(page, lang, "ui.declarations.heading");
  await check(page, page.getByRole("checkbox", { name: t(lang, "ui.field.notice_acknowledged") }));
  await check(page, page.getByRole("checkbox", { name: t(lang, "ui.field.information_accurate") }));
  await settle(page, 100);
  await screenshot("declarations");
}

/** The reference shown on the receipt. */
export async function receiptReference(page, lang) {
  await onScreen(page, lang, "ui.receipt.heading");
  const text = await page.locator("#receipt-reference").textContent();
  const m = /[0-9A-Z]{5}-[0-9A-Z]{5}/.exec(text);
  if (!m) throw new Error(`no reference in ${text}`);
  return m[0];
}
