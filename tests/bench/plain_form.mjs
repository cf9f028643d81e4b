// The yardstick of the first-visit benchmark: the child-identity screen as a plain
// server-rendered HTML form built with GOV.UK Frontend (npm govuk-frontend, its compiled CSS and
// JavaScript and its assets), in Arabic with the app's own catalogue texts. Written to a folder
// with the same brotli-11 and gzip-9 siblings the app's build writes, so that tasjil-server
// serves both the same way.
// Usage: node tests/bench/plain_form.mjs OUTDIR
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sourceDir } from "../e2e/browser.mjs";

const out = process.argv[2] || join(sourceDir, "build", "bench", "plain");
const govuk = join(sourceDir, "node_modules", "govuk-frontend", "dist", "govuk");
const catalogue = JSON.parse(readFileSync(join(sourceDir, "assets", "i18n", "ar.json"), "utf8")).messages;
const t = (key, params = {}) => {
  const text = catalogue[key];
  if (text === undefined) throw new Error(`the catalogue has no ${key}`);
  return text.replace(/\{(\w+)\}/g, (_, p) => String(params[p]));
};
const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** @param {string} name @param {string} label @param {{hint?: string, dir?: string, autocomplete?: string}} [options] */
const input = (name, label, { hint, dir = "rtl", autocomplete } = {}) => `
<div class="govuk-form-group">
  <label class="govuk-label" for="${name}">${escape(label)}</label>${hint ? `
  <div id="${name}-hint" class="govuk-hint">${escape(hint)}</div>` : ""}
  <input class="govuk-input" id="${name}" name="${name}" type="text" dir="${dir}"${hint ? ` aria-describedby="${name}-hint"` : ""}${autocomplete ? ` autocomplete="${autocomplete}"` : ""} spellcheck="false">
</div>`;
const radios = (name, legend, options) => `
<div class="govuk-form-group">
  <fieldset class="govuk-fieldset">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${escape(legend)}</legend>
    <div class="govuk-radios govuk-radios--inline" data-module="govuk-radios">${options.map(([value, label], i) => `
      <div class="govuk-radios__item">
        <input class="govuk-radios__input" id="${name}-${i}" name="${name}" type="radio" value="${value}">
        <label class="govuk-label govuk-radios__label" for="${name}-${i}">${escape(label)}</label>
      </div>`).join("")}
    </div>
  </fieldset>
</div>`;
const countries = Object.keys(catalogue).filter((k) => k.startsWith("ui.country.")).map((k) => [k.slice(11), catalogue[k]]);
const date = `
<div class="govuk-form-group">
  <fieldset class="govuk-fieldset" role="group" aria-describedby="birth-date-hint">
    <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${escape(t("ui.field.birth_date"))}</legend>
    <div id="birth-date-hint" class="govuk-hint">${escape(t("ui.field.birth_date.hint"))}</div>
    <div class="govuk-date-input" id="birth-date">${[["day", 2], ["month", 2], ["year", 4]].map(([part, width]) => `
      <div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="birth-date-${part}">${escape(t(`ui.field.${part}`))}</label>
          <input class="govuk-input govuk-date-input__input govuk-input--width-${width}" id="birth-date-${part}" name="birth-date-${part}" type="text" inputmode="numeric" dir="ltr">
        </div>
      </div>`).join("")}
    </div>
  </fieldset>
</div>`;

// Content-hashed names, cached for good as the app's are; the page sets its js-enabled class and
// starts GOV.UK Frontend from a module (the server's Content-Security-Policy allows no inline
// script).
const hashed = (name, bytes) => {
  const digest = createHash("sha256").update(bytes).digest("hex").slice(0, 10);
  return name.replace(/^([a-z]+)\./, `$1.${digest}.`);
};
const css = readFileSync(join(govuk, "govuk-frontend.min.css"));
const js = readFileSync(join(govuk, "govuk-frontend.min.js"));
const cssName = hashed("govuk.css", css);
const jsName = hashed("govuk.mjs", js);
const init = `document.body.classList.add("js-enabled", "govuk-frontend-supported");
import { initAll } from "./${jsName}";
initAll();
`;
const initName = hashed("init.mjs", init);

const html = `<!doctype html>
<html lang="ar" dir="rtl" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>${escape(t("ui.child.heading"))} — ${escape(t("ui.app.title"))}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${cssName}">
</head>
<body class="govuk-template__body">
<header class="govuk-header" data-module="govuk-header">
  <div class="govuk-header__container govuk-width-container">
    <span class="govuk-header__link govuk-header__service-name">${escape(t("ui.app.ministry"))} · ${escape(t("ui.app.title"))}</span>
  </div>
</header>
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content">
<form method="post" action="child" novalidate>
  <span class="govuk-caption-l">${escape(t("ui.step", { n: 1, total: 10 }))}</span>
  <h1 class="govuk-heading-l">${escape(t("ui.child.heading"))}</h1>
  <p class="govuk-body">${escape(t("ui.child.intro"))}</p>
  ${input("family_name_ar", t("ui.field.family_name_ar"))}
  ${input("given_name_ar", t("ui.field.given_name_ar"))}
  ${input("family_name_latin", t("ui.field.family_name_latin"), { dir: "ltr" })}
  ${input("given_name_latin", t("ui.field.given_name_latin"), { dir: "ltr" })}
  ${radios("sex", t("ui.field.sex"), [["F", t("ui.sex.F")], ["M", t("ui.sex.M")]])}
  ${date}
  ${radios("born_in_morocco", t("ui.field.born_in_morocco"), [["yes", t("ui.answer.yes")], ["no", t("ui.answer.no")]])}
  <div class="govuk-form-group">
    <label class="govuk-label" for="nationality">${escape(t("ui.field.nationality"))}</label>
    <select class="govuk-select" id="nationality" name="nationality">${countries.map(([code, name]) => `
      <option value="${code}">${escape(name)}</option>`).join("")}
    </select>
  </div>
  <button type="submit" class="govuk-button" data-module="govuk-button">${escape(t("ui.button.continue"))}</button>
</form>
</main>
</div>
<script type="module" src="${initName}"></script>
</body>
</html>
`;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "index.html"), html);
writeFileSync(join(out, cssName), css);
writeFileSync(join(out, jsName), js);
writeFileSync(join(out, initName), init);
cpSync(join(govuk, "assets"), join(out, "assets"), { recursive: true });
// The same compression as scripts/bundle-web.
const compress = (dir) => {
  for (const f of readdirSync(dir)) {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) { compress(path); continue; }
    if (!/\.(html|js|mjs|css|svg|json|webmanifest)$/.test(f)) continue;
    execFileSync("brotli", ["-f", "-q", "11", "-o", `${path}.br`, path]);
    execFileSync("gzip", ["-f", "-9", "-k", "-n", path]);
  }
};
compress(out);
console.log(`plain form written to ${out}`);
