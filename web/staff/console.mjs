// Tasjil staff console's page (shell/staff.html): the shared loader and DOM layer (../loader.mjs
// and the modules beside it, joined with this one by scripts/bundle-staff), and what the
// console adds to them, given to loadPage as its extension.
//  - Requests (sent by the shared layer) carry the session's bearer token. The token stays in
//    the page's memory (page.staff; never in the wasm, never in storage): a reload or a tab
//    closed ends the session on this device.
//  - The device's token, which the server gives at a log-in, is kept in the browser's storage
//    and sent with the next log-in only: a device its account used before is not slowed by
//    anyone else's failed tries (docs/security.md).
//  - Grid roles over the semantic layer: the table's container becomes a grid with the whole
//    list's row count, its rows carry their index, cells and column headers their roles
//    (sorted columns their aria-sort), so that a screen reader announces "row 5,213 of 10,000"
//    while the DOM holds only the rows in view.
//  - Keyboard: arrows, Page Up/Down, Home and End move in the table; A, R and I choose the
//    decision on a file (shown on its buttons).
//  - Downloads (the list as CSV, one file's data as JSON) and printable sheets (the list as a
//    real DOM table, one file's answers, activation letters), with the print stylesheet on A4.
//  - What the app asks of the page itself (`ask`): a link's activation code, a chosen CSV file.
// window.TasjilStaff is what src/app/staff/platform.cpp calls.
import { app } from "./bridge.mjs";
import { page, failed } from "./page.mjs";
import { loadPage } from "./loader.mjs";

const SESSIONS = "/api/v1/staff/sessions";
const IMPORT = "/api/v1/staff/accounts/import";
/** Where the browser keeps the device's token (one per browser profile, for every account). */
const DEVICE_KEY = "tasjil-staff-device";

function headers(lang, json) {
  /** @type {Record<string, string>} */
  const h = { "Accept-Language": lang };
  if (json) h["Content-Type"] = "application/json";
  return { ...h, ...session() };
}

/** The session's header, when there is one. */
function session() {
  const token = page.staff.token;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The device's token, "" when the browser keeps none (or keeps no storage). */
function deviceToken() {
  try {
    const t = localStorage.getItem(DEVICE_KEY) || "";
    return /^[0-9a-f]{64}$/.test(t) ? t : "";
  } catch (error) {
    failed("the device's token could not be read", error);
    return "";
  }
}

/** What the console's requests carry: the session; on a log-in, the device's token; a list of
 *  schools to import is CSV. */
function requestHeaders(url, method) {
  if (url === IMPORT) return { ...session(), "Content-Type": "text/csv" };
  if (url === SESSIONS && method === "POST") {
    const device = deviceToken();
    return device ? { "X-Tasjil-Device": device } : {};
  }
  return session();
}

/** Keeps the token of an answer to the log-in (the app gets the rest of the session); forgets
 *  it when the session ends or the server no longer knows it. */
function answered(url, method, status, text) {
  if (url === SESSIONS && method === "POST" && status === 201) {
    const opened = JSON.parse(text);
    page.staff.token = String(opened.token || "");
    delete opened.token;
    const device = String(opened.device || "");
    delete opened.device;
    if (/^[0-9a-f]{64}$/.test(device)) {
      try { localStorage.setItem(DEVICE_KEY, device); } catch (error) { failed("the device's token could not be kept", error); }
    }
    return JSON.stringify(opened);
  }
  if ((url === SESSIONS && method === "DELETE") || (status === 401 && url !== SESSIONS)) page.staff.token = "";
  return text;
}

// [Grid roles] ------------------------------------------------------------------------------

function set(el, name, value) {
  if (el && el.getAttribute(name) !== String(value)) el.setAttribute(name, String(value));
}

function applyNotes() {
  const notes = page.staff.notes;
  if (!notes) return;
  const byId = (id) => document.getElementById(id);
  const g = notes.grid;
  if (g) {
    const grid = byId(g.id);
    set(grid, "role", "grid");
    // The header row is row 1: a list of N files has N + 1 rows.
    set(grid, "aria-rowcount", g.rowcount + 1);
    set(grid, "aria-colcount", g.colcount);
    set(grid, "aria-label", g.name);
    for (const [id, index] of g.rows) {
      const row = byId(id);
      set(row, "role", "row");
      set(row, "aria-rowindex", index);
    }
    for (const id of g.cells) set(byId(id), "role", "gridcell");
    for (const [id, sort] of g.headers) {
      const h = byId(id);
      set(h, "role", "columnheader");
      if (h && sort) set(h, "aria-sort", sort);
    }
  }
  for (const [id, key] of notes.shortcuts || []) set(byId(id), "aria-keyshortcuts", key);
  for (const id of notes.passwords || []) {
    const el = /** @type {HTMLInputElement|null} */ (byId(id));
    if (el && el.type !== "password") el.type = "password";
  }
}

// [Keyboard] --------------------------------------------------------------------------------

const GRID_KEYS = { ArrowDown: "down", ArrowUp: "up", PageDown: "pagedown", PageUp: "pageup", Home: "home", End: "end" };
const DECISION_KEYS = { a: "approve", r: "reject", i: "info" };

/** Arrows and pages in the table, A/R/I on a file, Enter through the log-in form. */
function onKey(e) {
  const target = /** @type {HTMLElement} */ (e.target);
  if (e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (target instanceof HTMLInputElement && e.key === "Enter") {
    // The log-in form: Enter goes from the username to the password, then logs in.
    if (target.id === "login-username") {
      e.preventDefault();
      e.stopImmediatePropagation();
      document.getElementById("login-password")?.focus();
      return;
    }
    if (target.id === "login-password") {
      e.preventDefault();
      e.stopImmediatePropagation();
      document.getElementById("login")?.click();
      return;
    }
  }
  const typing = target instanceof HTMLInputElement && target.type !== "radio" && target.type !== "checkbox" ||
    target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
  if (typing) return;
  if (GRID_KEYS[e.key] && target.closest?.("[role=grid]")) {
    e.preventDefault();
    app.activate(`key:${GRID_KEYS[e.key]}`);
    return;
  }
  const decision = DECISION_KEYS[e.key.toLowerCase()];
  if (decision && document.getElementById("decision-panel")) {
    e.preventDefault();
    app.activate(`key:${decision}`);
  }
}

// [Export and print] ------------------------------------------------------------------------

/** Downloads an answer of the API as a file named `name`, with the session's token. */
async function download(url, name, lang, what) {
  try {
    const response = await fetch(url, { headers: headers(lang, false), cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const blob = await response.blob();
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  } catch (error) {
    failed(what, error);
  }
}

function exportCsv(query, lang) {
  return download(`/api/v1/staff/export.csv?${query}`, `tasjil-${new Date().toISOString().slice(0, 10)}.csv`,
                  lang, "the export failed");
}

/** One file's data for the parent's right of access (law 09-08, art. 7). */
function exportFile(reference, lang) {
  const ref = encodeURIComponent(reference);
  return download(`/api/v1/staff/files/${ref}/export`, `tasjil-${ref}.json`, lang, "the file's export failed");
}

/** An empty print sheet in the interface's direction and language. */
function sheetFor(dir, lang) {
  const sheet = /** @type {HTMLElement} */ (document.getElementById("print-sheet"));
  sheet.textContent = "";
  sheet.dir = dir;
  sheet.lang = lang;
  return sheet;
}

function element(tag, text) {
  const e = document.createElement(tag);
  e.textContent = text;
  return e;
}

/** One file on paper: its answers grouped as the parents' screens, then its history. */
function printFile(json, lang) {
  try {
    const file = JSON.parse(json);
    const sheet = sheetFor(file.dir, lang);
    sheet.append(element("h1", file.title), element("p", file.subtitle), element("p", file.printed_at));
    for (const group of file.groups) {
      const table = document.createElement("table");
      table.className = "answers";
      table.createCaption().textContent = group.heading;
      const body = table.createTBody();
      for (const [label, value] of group.rows) {
        const tr = body.insertRow();
        const th = element("th", label);
        th.scope = "row";
        tr.append(th, element("td", value));
      }
      sheet.append(table);
    }
    sheet.append(element("h2", file.history_heading));
    const list = document.createElement("ul");
    for (const line of file.history) list.append(element("li", line));
    sheet.append(list);
    window.print();
  } catch (error) {
    failed("the file could not be printed", error);
  }
}

/**
 * The activation letters on paper, one a page: to whom, the code, until when, the link, and
 * what the owner does with it (`json`: the console's LettersPrintJson, in the interface
 * language).
 */
function printLetters(json, lang) {
  try {
    const letters = JSON.parse(json);
    const sheet = sheetFor(letters.dir, lang);
    for (const letter of letters.letters) {
      const section = document.createElement("section");
      section.className = "letter";
      section.append(element("h1", letter.heading));
      for (const line of letter.lines) section.append(element("p", line));
      const code = element("p", letter.code);
      code.className = "code";
      code.dir = "ltr";
      section.insertBefore(code, section.children[2] ?? null);
      sheet.append(section);
    }
    window.print();
  } catch (error) {
    failed("the letters could not be printed", error);
  }
}

/** Every row of the list (at most 20,000), page by page. */
async function allRows(query, lang) {
  const rows = [];
  let cursor = "";
  do {
    const url = `/api/v1/staff/files?limit=500&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await fetch(url, { headers: headers(lang, false), cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = await response.json();
    rows.push(...page.files);
    cursor = page.next_cursor || "";
  } while (cursor && rows.length < 20000);
  return rows;
}

async function printList(query, labelsJson, lang) {
  try {
    const labels = JSON.parse(labelsJson);
    const rows = await allRows(query, lang);
    const sheet = sheetFor(labels.dir, lang);
    const h1 = document.createElement("h1");
    h1.textContent = labels.title;
    const p = document.createElement("p");
    p.textContent = new Date().toLocaleString(lang);
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const c of labels.columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = c;
      head.appendChild(th);
    }
    const body = table.createTBody();
    for (const r of rows) {
      const tr = body.insertRow();
      const cells = [r.reference, r.child_name_ar, r.child_name_latin, r.birth_date, r.sector,
                     labels.outcomes[r.outcome] || r.outcome, labels.statuses[r.status] || r.status,
                     String(r.received_at).slice(0, 10)];
      cells.forEach((text, i) => {
        const td = tr.insertCell();
        td.textContent = text;
        if (i === 1) td.lang = "ar";
      });
    }
    sheet.append(h1, p, table);
    window.print();
  } catch (error) {
    failed("the list could not be printed", error);
  }
}

// [Start] -----------------------------------------------------------------------------------

/**
 * The activation code of a link the directorate sent (…/staff/#activate=CODE), taken out of the
 * address so that it is not kept in the history or shown over a shoulder; "" when none. The
 * fragment never reaches a server's log.
 */
function linkedActivation() {
  const match = /^#activate=([0-9A-Za-z-]{1,32})$/.exec(location.hash);
  if (location.hash.startsWith("#activate=")) history.replaceState(history.state, "", location.pathname + location.search);
  return match ? match[1] : "";
}

/** The most bytes of a CSV the console reads (a country's schools fit many times over). */
const MAX_CSV_BYTES = 2 * 1024 * 1024;

/**
 * A CSV file the staff member chooses: its text, "" when they chose none. Throws a RangeError
 * for a file over MAX_CSV_BYTES.
 * @returns {Promise<string>}
 */
function chooseCsv() {
  return new Promise((resolve, reject) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = ".csv,text/csv";
    input.hidden = true;
    input.id = "csv-picker";
    document.body.append(input);
    const done = () => input.remove();
    input.addEventListener("cancel", () => { done(); resolve(""); });
    input.addEventListener("change", () => {
      const file = input.files?.[0];
      done();
      if (!file) return resolve("");
      if (file.size > MAX_CSV_BYTES) return reject(new RangeError("too large"));
      file.text().then(resolve, reject);
    });
    input.click();
  });
}

/**
 * What the app asks of the page rather than of a server, answered as a request is (its id):
 * "activation" the link's code; "csv" a file the staff member chooses (204 when none, 413 when
 * too large).
 * @param {string} id @param {string} what
 */
async function ask(id, what) {
  const reply = (status, body) => app.reply(Number(id), status, body);
  if (what === "activation") return reply(200, linkedActivation());
  try {
    const text = await chooseCsv();
    reply(text ? 200 : 204, text);
  } catch (error) {
    if (error instanceof RangeError) return reply(413, "");
    failed("the file could not be read", error);
    reply(0, "");
  }
}

document.addEventListener("keydown", onKey, true);
/** @type {any} */ (window).TasjilStaff = {
  annotate: (json) => { page.staff.notes = JSON.parse(json); applyNotes(); },
  exportCsv, printList, exportFile, printFile, printLetters,
  ask: (id, what) => { ask(id, what).catch((error) => failed("the page could not answer", error)); },
};
// The console's requests and trees go through the shared layer, with what the console adds.
loadPage({ headers: requestHeaders, answered, published: applyNotes, dated: false });
