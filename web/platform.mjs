// Tasjil browser platform: the DOM side of the app.
//  - Keeps a tree of real, accessible HTML elements in step with the semantic tree the app
//    publishes after a frame: landmarks, groups named by their question, labels, hints and
//    errors in reading order. Screen readers read it, keyboards tab through it, phone keyboards
//    open on its inputs, find-in-page finds its text, tests find widgets in it.
//  - The document scrolls natively: the layer is as tall as the page the app drew, the canvas
//    stays fixed and draws the part at the scroll position; the browser scrolls a focused or
//    scrollIntoView'ed element into view itself.
//  - While a field is edited its <input> is visible and the browser draws text, caret and
//    selection; every input event goes to the C++ model.
//  - Sends the app's requests with fetch() — a file to the outbox, which keeps it on the device
//    until the server has it — stores its drafts, and prints the receipt.
// window.TasjilPlatform is what the C++ side calls (src/app/platform/web_platform.cpp).
import { createBridge } from "./bridge.mjs";
import { checkTree, CONTAINERS, ROLES } from "./semantic_tree.mjs";
import { assetUrl } from "./assets.mjs";
import { saveDraft, deleteDraft, lockDraft, unlockDraft, listDrafts, loadDraft, drafted } from "./drafts.mjs";

// Loaded when first needed, after the first frame: the first visit downloads only what draws it.
const outbox = () => import("./outbox.mjs");
const offline = () => import("./offline.mjs");
/** Where the app posts a file; such a post goes to the outbox. */
const FILES_URL = "/api/v1/files";

export const app = createBridge();

/**
 * What another page adds to this layer (the staff console, web/staff/console.mjs), set once
 * with extendPlatform: headers of its requests (a session), a look at each answer before the
 * app gets it, work after each published tree; `dated: false` for an app that does not take
 * the server's date.
 * @typedef {{headers?: () => Record<string, string>,
 *            answered?: (url: string, method: string, status: number, text: string) => string,
 *            published?: () => void, dated?: boolean}} Extension
 */

/**
 * Everything this page's layer remembers between calls: the one mutable object of the module.
 * @type {{root: HTMLElement|null, elements: Map<string, HTMLElement>,
 *         origins: Map<string, {x: number, y: number}>, editing: string|null, lastTitle: string,
 *         keyboardShown: boolean, extension: Extension, currentFile: string,
 *         kiosk: {used: () => void, wipe: () => void}|null, listTimer: any,
 *         fetchedData: Set<string>, failures: string[], problems: string[]}}
 */
export const page = {
  root: null,
  elements: new Map(),
  origins: new Map(),  // origin of each container, to place its children
  editing: null,  // id of the focused text input
  lastTitle: "",
  keyboardShown: false,  // kiosk mode: the app's keyboard was in the last tree
  extension: {},
  currentFile: "",  // the draft this tab holds the lock of
  kiosk: null,  // kiosk mode's watch (web/kiosk.mjs), once started
  listTimer: 0,
  fetchedData: new Set(),  // data URLs of the server fetched (the service worker keeps them)
  failures: [],  // what went wrong on the device side, by name only (never content)
  problems: [],  // problems of refused trees, for tests
};
function failed(what, error) {
  page.failures.push(`${what}: ${error && error.name}`);
  console.error(`tasjil: ${what}:`, error && error.name);
}
/** @param {Extension} e */
export function extendPlatform(e) { page.extension = e; }

function primaryButton() {
  for (const el of page.elements.values()) if (el.dataset.primary === "1") return el;
  return null;
}

function create(node) {
  const tag = ROLES.get(node.role);
  /** @type {any} */
  let el;
  switch (node.role) {
    case "heading":
      el = document.createElement("h" + Math.min(6, Math.max(1, node.level || 2)));
      el.tabIndex = -1;  // focused when a screen opens
      break;
    case "textbox":
      el = document.createElement("input");
      el.type = "text";
      el.spellcheck = false;
      el.addEventListener("input", () => app.input(el.id, el.value));
      el.addEventListener("compositionend", () => app.input(el.id, el.value));
      el.addEventListener("focus", () => { page.editing = el.id; el.classList.add("editing"); app.focus(el.id, true); });
      el.addEventListener("blur", () => {
        if (page.editing === el.id) page.editing = null;
        el.classList.remove("editing");
        app.focus(el.id, false);
      });
      el.addEventListener("keydown", (e) => {
        if (e.key !== "Enter" || e.isComposing) return;
        e.preventDefault();
        // Enter moves to the next field, like Tab; after the last one it presses the primary action.
        const inputs = /** @type {HTMLInputElement[]} */ ([...page.root.querySelectorAll("input[type=text]")]);
        const i = inputs.indexOf(el);
        if (i >= 0 && i + 1 < inputs.length) inputs[i + 1].focus();
        else primaryButton()?.click();
      });
      break;
    case "button":
      el = document.createElement("button");
      el.type = "button";
      el.addEventListener("click", () => { if (el.getAttribute("aria-disabled") !== "true") app.activate(el.id); });
      break;
    case "link":
      el = document.createElement("a");
      el.href = "#";
      el.addEventListener("click", (e) => {
        e.preventDefault();
        // Focused here, inside the user's gesture, so that a phone keyboard opens; the browser
        // scrolls the field into view.
        document.getElementById(el.dataset.for)?.focus();
      });
      break;
    case "radio":
    case "checkbox":
      el = document.createElement("input");
      el.type = node.role;
      el.addEventListener("change", () => {
        if (node.role === "checkbox" || el.checked) app.activate(el.id);
      });
      break;
    case "combobox":
      // A native <select>: the browser's own picker (the wheel on phones) opens on it.
      el = document.createElement("select");
      el.addEventListener("change", () => app.input(el.id, el.value));
      break;
    case "group":
    case "radiogroup":
      el = document.createElement("div");
      el.setAttribute("role", node.role);
      break;
    case "alert":
    case "status":
      el = document.createElement("div");
      el.setAttribute("role", node.role);
      if (node.role === "status") el.setAttribute("aria-live", "polite");
      el.tabIndex = -1;
      break;
    case "progressbar":
      el = document.createElement("div");
      el.setAttribute("role", "progressbar");
      el.setAttribute("aria-valuemin", "1");
      break;
    case "img":
      el = document.createElement("img");
      break;
    default:
      el = document.createElement(tag);
  }
  el.id = node.id;
  if (["button", "radio", "checkbox", "link", "combobox"].includes(node.role)) {
    // The element itself is transparent: the app draws the focus ring where it sits.
    el.addEventListener("focus", () => app.focus(el.id, true));
    el.addEventListener("blur", () => app.focus(el.id, false));
  }
  return el;
}

function setAttr(el, name, value) {
  if (value === undefined || value === null || value === false || value === "") el.removeAttribute(name);
  else if (el.getAttribute(name) !== String(value)) el.setAttribute(name, value === true ? "true" : String(value));
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function update(el, node) {
  const origin = (node.parent && page.origins.get(node.parent)) || { x: 0, y: 0 };
  const s = el.style;
  s.left = node.x - origin.x + "px";
  s.top = node.y - origin.y + "px";
  s.width = node.w + "px";
  s.height = node.h + "px";
  if (CONTAINERS.has(node.role)) page.origins.set(node.id, { x: node.x, y: node.y });
  setAttr(el, "lang", node.lang);
  setAttr(el, "aria-describedby", (node.describedby || []).join(" "));
  setAttr(el, "aria-invalid", node.invalid);
  el.dataset.primary = node.primary ? "1" : "";
  switch (node.role) {
    case "textbox":
      // Never overwrite what the user is typing: the model follows the input, not the reverse.
      if (page.editing !== node.id && el.value !== node.value) el.value = node.value;
      el.autocomplete = node.autocomplete || "off";
      el.inputMode = node.inputmode || "text";
      el.dir = node.dir || "auto";
      if (node.maxlength) el.maxLength = node.maxlength;
      el.required = !!node.required;
      break;
    case "radio":
    case "checkbox":
      if (node.group) el.name = node.group;
      // A radio is named by its option (its question names the group); a checkbox by its label.
      setAttr(el, "aria-label", node.role === "radio" ? node.name : "");
      el.checked = !!node.checked;
      el.required = !!node.required && node.role === "radio";
      break;
    case "combobox": {
      const key = JSON.stringify(node.options || []);
      if (el.dataset.options !== key) {
        el.dataset.options = key;
        el.textContent = "";
        for (const [value, label, lang] of node.options || []) {
          const opt = document.createElement("option");
          opt.value = value;
          opt.textContent = label;
          if (lang) opt.lang = lang;
          el.appendChild(opt);
        }
      }
      if (el.value !== node.value) el.value = node.value || "";
      el.required = !!node.required;
      break;
    }
    case "label":
      el.htmlFor = node.for;
      setText(el, node.name);
      break;
    case "link":
      el.dataset.for = node.for;
      setText(el, node.name);
      break;
    case "button":
      setText(el, node.name);
      setAttr(el, "aria-current", node.current);
      setAttr(el, "aria-disabled", node.disabled);
      break;
    case "alert":
      setText(el, node.name + (node.description ? ". " + node.description : ""));
      break;
    case "progressbar":
      el.setAttribute("aria-valuenow", node.value);
      el.setAttribute("aria-valuemax", String(node.level));
      el.setAttribute("aria-label", node.name);
      break;
    case "group":
    case "radiogroup":
      setAttr(el, "aria-labelledby", node.labelledby);
      break;
    case "navigation":
      setAttr(el, "aria-label", node.name);
      break;
    case "banner":
    case "main":
      break;
    case "img":
      el.alt = node.name;
      break;
    default:
      setText(el, node.name);
  }
}

/** Applies one published tree: create, update, move, remove the elements. */
export function publish(json) {
  const tree = JSON.parse(json);
  const found = checkTree(tree);
  if (found.length) {
    page.problems.push(...found);
    console.error("semantic tree refused:", found.join("; "));
    return;
  }
  const html = document.documentElement;
  if (html.lang !== tree.lang) html.lang = tree.lang;
  if (html.dir !== tree.dir) html.dir = tree.dir;
  page.root.style.height = tree.height + "px";
  const newPage = tree.title !== page.lastTitle;
  if (tree.title !== document.title) document.title = tree.title;
  page.lastTitle = tree.title;
  const seen = new Set();
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  // Children in published order under their parent: DOM order is reading order.
  const lastChild = new Map();
  for (const node of tree.nodes) {
    let el = page.elements.get(node.id);
    if (el && el.dataset.role !== node.role) { el.remove(); el = undefined; }
    if (!el) {
      el = create(node);
      el.dataset.role = node.role;
      page.elements.set(node.id, el);
    }
    update(el, node);
    seen.add(node.id);
    const parent = node.parent ? page.elements.get(node.parent) : page.root;
    const previous = lastChild.get(parent);
    const wanted = previous ? previous.nextSibling : parent.firstChild;
    if (el.parentNode !== parent || wanted !== el) parent.insertBefore(el, wanted);
    lastChild.set(parent, el);
  }
  for (const [id, el] of page.elements) {
    if (!seen.has(id)) {
      if (document.activeElement === el) el.blur();
      el.remove();
      page.elements.delete(id);
      page.origins.delete(id);
    }
  }
  if (focused && focused !== document.activeElement && page.root.contains(focused)) focused.focus({ preventScroll: true });
  // Kiosk mode: the app's keyboard covers the bottom of the viewport. When it opens, the box it
  // types into is scrolled above it (a bottom scroll padding of its height, for that scroll only:
  // the keys themselves sit in that band).
  const keyboard = page.elements.get("keyboard");
  if (keyboard && !page.keyboardShown) {
    const active = document.activeElement;
    if (active instanceof HTMLInputElement && page.root.contains(active)) {
      html.style.scrollPaddingBottom = keyboard.offsetHeight + 16 + "px";
      active.scrollIntoView({ block: "nearest" });
      html.style.scrollPaddingBottom = "";
    }
  }
  page.keyboardShown = !!keyboard;
  if (tree.focus) {
    const target = page.elements.get(tree.focus);
    if (target) {
      if (newPage && tree.focus === "heading") {
        // A new screen starts at the top of the page, its heading focused.
        window.scrollTo(0, 0);
        target.focus({ preventScroll: true });
      } else {
        target.focus();  // the browser brings it into view
      }
    }
  }
  page.extension.published?.();
}

/**
 * Sends a request of the app; the reply goes back to it (status 0: no network). A file goes
 * to the outbox instead, which tells the app what becomes of it (tasjil_outbox).
 */
async function send(id, method, url, body, lang) {
  if (method === "POST" && url === FILES_URL) {
    let fileId = "";
    try { fileId = String(JSON.parse(body).file_id || ""); } catch (error) { failed("a file to send is not JSON", error); }
    try {
      await (await outbox()).enqueue(fileId, url, body, lang);
    } catch (error) {
      // The device could not keep it (storage refused): say so as a failed send; nothing of
      // the file is lost, it is still in the app.
      failed("the file could not be queued", error);
      app.reply(id, 0, "");
    }
    return;
  }
  if (method === "GET" && url.startsWith("/api/")) page.fetchedData.add(url);
  if (url.startsWith("/api/v1/files/")) page.kiosk?.used();  // a status look-up: personal
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 30000);
  try {
    const response = await fetch(assetUrl(url), {
      method,
      body: method === "GET" ? undefined : body,
      headers: { "Accept-Language": lang, ...(method === "GET" ? {} : { "Content-Type": "application/json" }),
                 ...page.extension.headers?.() },
      signal: controller.signal,
    });
    // The server's date: where the registration window stands is judged with it, not only with
    // the device's clock, which may be wrong.
    const date = new Date(response.headers.get("Date") || "");
    if (page.extension.dated !== false && !Number.isNaN(date.getTime())) app.serverDate(date.toISOString().slice(0, 10));
    const text = await response.text();
    app.reply(id, response.status, page.extension.answered ? page.extension.answered(url, method, response.status, text) : text);
  } catch (error) {
    failed("a request failed", error);
    app.reply(id, 0, "");
  } finally {
    clearTimeout(timer);
  }
}

/** The receipt's print: the QR code as SVG in its <img>, then the browser's dialog. */
function print(svg) {
  const img = /** @type {HTMLImageElement|null} */ (document.getElementById("receipt-qr"));
  if (img && svg) img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  setTimeout(() => {
    window.print();
    // A kiosk forgets the family once its receipt is printed.
    page.kiosk?.wipe();
  }, 50);
}

function installInput() {
  document.addEventListener("pointermove", (e) => {
    if (e.pointerType === "mouse") app.pointer(e.clientX, e.clientY);
  }, { passive: true });
  document.addEventListener("pointerleave", () => app.pointer(-1, -1));
  window.addEventListener("scroll", () => app.wake(), { passive: true });
  window.addEventListener("resize", () => app.wake());
  window.addEventListener("orientationchange", () => app.wake());
  document.addEventListener("visibilitychange", () => app.wake());
  // Device pixel ratio changes (zoom, moving to another screen) do not fire resize everywhere.
  const watchRatio = () => {
    if (!window.matchMedia) return;
    const mq = window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    const onChange = () => { mq.removeEventListener("change", onChange); app.wake(); watchRatio(); };
    mq.addEventListener("change", onChange);
  };
  watchRatio();
}

/** Kiosk mode's watch (web/kiosk.mjs), once started. */
export function useKiosk(watch) { page.kiosk = watch; }

/** Empties the DOM layer: no input keeps a value, no element the text of the person before. */
export function clearLayer() {
  for (const el of page.elements.values()) if ("value" in el) /** @type {any} */ (el).value = "";
  page.root.textContent = "";
  page.elements.clear();
  page.origins.clear();
  page.editing = null;
  page.lastTitle = "";
}

/** Stores a draft, holding its lock for this tab from its first save. */
async function keepDraft(fileId, json) {
  if (fileId !== page.currentFile) {
    if (page.currentFile) unlockDraft(page.currentFile);
    page.currentFile = fileId;
  }
  page.kiosk?.used();
  if (!(await lockDraft(fileId))) console.error("tasjil: a draft of this tab is open in another");
  await saveDraft(fileId, json);
}

/** "YYYY-MM-DDTHH:MM" in the device's time zone. */
function localTime(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function referenceOf(record) {
  try {
    return String(JSON.parse(record.result.body).reference || "");
  } catch (error) {
    failed("a stored receipt is not JSON", error);
    return "";
  }
}

/** Tablet mode: every kept draft with what the outbox did with it, to the app. */
async function listFiles() {
  const [drafts, box] = await Promise.all([listDrafts(), outbox().then((o) => o.entries())]);
  const byId = new Map(box.map((r) => [r.file_id, r]));
  const list = drafts.map((d) => {
    const r = byId.get(d.file_id);
    return { file_id: d.file_id, changed: localTime(d.updated_at), draft: d.json,
             outbox: r ? { state: r.state, reference: r.state === "sent" ? referenceOf(r) : "" } : null };
  });
  app.files(JSON.stringify(list));
}
function listFilesSoon() {
  clearTimeout(page.listTimer);
  page.listTimer = setTimeout(() => listFiles().catch((e) => console.error("tasjil: the files could not be listed:", e && e.name)), 300);
}

/** Tablet mode: a kept draft in place of the one on screen (which is stored already). */
async function openDraft(fileId) {
  await drafted();
  if (!(await lockDraft(fileId))) {
    console.error("tasjil: that draft is open in another tab");
    return;
  }
  const json = await loadDraft(fileId);
  if (!json) return;
  if (page.currentFile && page.currentFile !== fileId) unlockDraft(page.currentFile);
  page.currentFile = fileId;
  app.open(json);
}

/** What the C++ side calls (src/app/platform/web_platform.cpp); `start` is set by the loader. */
export const platform = {
  publish,
  fetch: (id, method, url, body, lang) => { send(id, method, url, body, lang); },
  print,
  problems: page.problems,
  ready: () => window.dispatchEvent(new Event("tasjil-ready")),
  failure: (reason) => /** @type {any} */ (window).TasjilFail?.(reason === "webgl2" ? "webgl2" : "failed"),
  saveDraft: (fileId, json) => { keepDraft(fileId, json); },
  deleteDraft: (fileId) => { deleteDraft(fileId).catch((e) => console.error("tasjil: a draft could not be deleted:", e && e.name)); },
  applyUpdate: () => { offline().then((o) => o.applyUpdate()); },
  sendNow: () => { outbox().then((o) => o.sendNow()); },
  listFiles: () => { listFilesSoon(); },
  openDraft: (fileId) => { openDraft(fileId).catch((e) => console.error("tasjil: the draft could not be opened:", e && e.name)); },
  start: { mode: "parent", draft: "", ref: "" },
};
/** Connects the outbox to the app (after the first frame). */
export async function connectOutbox() {
  const o = await outbox();
  o.onOutbox((fileId, state, status, body) => {
    app.outbox(fileId, state, status, body);
    if (platform.start.mode === "tablet") listFilesSoon();
  });
  return o;
}

/**
 * Starts the layer for this page: what the loader read (mode, draft to resume, a message's
 * reference), the DOM layer under #a11y, and window.TasjilPlatform for the C++ side.
 * @param {{mode: string, draft: string, ref: string}} start
 */
export function startPlatform(start) {
  platform.start = start;
  page.root = document.getElementById("a11y");
  installInput();
  /** @type {any} */ (window).TasjilPlatform = platform;
}
