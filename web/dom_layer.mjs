// The semantic DOM layer: a tree of real, accessible HTML elements kept in step with the
// semantic tree the app publishes after a frame — landmarks, groups named by their question,
// labels, hints and errors in reading order. Screen readers read it, keyboards tab through it,
// phone keyboards open on its inputs, find-in-page finds its text, tests find widgets in it.
//  - The document scrolls natively: the layer is as tall as the page the app drew, the canvas
//    stays fixed and draws the part at the scroll position; the browser scrolls a focused or
//    scrollIntoView'ed element into view itself.
//  - While a field is edited its <input> is visible and the browser draws text, caret and
//    selection; every input event goes to the C++ model.
//  - The page's input the app draws by (pointer, scroll, resize, density) wakes it.
// What it remembers is page.layer (web/page.mjs).
import { app } from "./bridge.mjs";
import { checkTree, CONTAINERS, ROLES } from "./semantic_tree.mjs";
import { page } from "./page.mjs";

const layer = page.layer;

function primaryButton() {
  for (const el of layer.elements.values()) if (el.dataset.primary === "1") return el;
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
      el.addEventListener("focus", () => { layer.editing = el.id; el.classList.add("editing"); app.focus(el.id, true); });
      el.addEventListener("blur", () => {
        if (layer.editing === el.id) layer.editing = null;
        el.classList.remove("editing");
        app.focus(el.id, false);
      });
      el.addEventListener("keydown", (e) => {
        if (e.key !== "Enter" || e.isComposing) return;
        e.preventDefault();
        // Enter moves to the next field, like Tab; after the last one it presses the primary action.
        const inputs = /** @type {HTMLInputElement[]} */ ([...layer.root.querySelectorAll("input[type=text]")]);
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
  const origin = (node.parent && layer.origins.get(node.parent)) || { x: 0, y: 0 };
  const s = el.style;
  s.left = node.x - origin.x + "px";
  s.top = node.y - origin.y + "px";
  s.width = node.w + "px";
  s.height = node.h + "px";
  if (CONTAINERS.has(node.role)) layer.origins.set(node.id, { x: node.x, y: node.y });
  setAttr(el, "lang", node.lang);
  setAttr(el, "aria-describedby", (node.describedby || []).join(" "));
  setAttr(el, "aria-invalid", node.invalid);
  el.dataset.primary = node.primary ? "1" : "";
  switch (node.role) {
    case "textbox":
      // Never overwrite what the user is typing: the model follows the input, not the reverse.
      if (layer.editing !== node.id && el.value !== node.value) el.value = node.value;
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
  layer.root.style.height = tree.height + "px";
  const newPage = tree.title !== layer.lastTitle;
  if (tree.title !== document.title) document.title = tree.title;
  layer.lastTitle = tree.title;
  const seen = new Set();
  const focused = /** @type {HTMLElement | null} */ (document.activeElement);
  // Children in published order under their parent: DOM order is reading order.
  const lastChild = new Map();
  for (const node of tree.nodes) {
    let el = layer.elements.get(node.id);
    if (el && el.dataset.role !== node.role) { el.remove(); el = undefined; }
    if (!el) {
      el = create(node);
      el.dataset.role = node.role;
      layer.elements.set(node.id, el);
    }
    update(el, node);
    seen.add(node.id);
    const parent = node.parent ? layer.elements.get(node.parent) : layer.root;
    const previous = lastChild.get(parent);
    const wanted = previous ? previous.nextSibling : parent.firstChild;
    if (el.parentNode !== parent || wanted !== el) parent.insertBefore(el, wanted);
    lastChild.set(parent, el);
  }
  for (const [id, el] of layer.elements) {
    if (!seen.has(id)) {
      if (document.activeElement === el) el.blur();
      el.remove();
      layer.elements.delete(id);
      layer.origins.delete(id);
    }
  }
  if (focused && focused !== document.activeElement && layer.root.contains(focused)) focused.focus({ preventScroll: true });
  // Kiosk mode: the app's keyboard covers the bottom of the viewport. When it opens, the box it
  // types into is scrolled above it (a bottom scroll padding of its height, for that scroll only:
  // the keys themselves sit in that band).
  const keyboard = layer.elements.get("keyboard");
  if (keyboard && !layer.keyboardShown) {
    const active = document.activeElement;
    if (active instanceof HTMLInputElement && layer.root.contains(active)) {
      html.style.scrollPaddingBottom = keyboard.offsetHeight + 16 + "px";
      active.scrollIntoView({ block: "nearest" });
      html.style.scrollPaddingBottom = "";
    }
  }
  layer.keyboardShown = !!keyboard;
  if (tree.focus) {
    const target = layer.elements.get(tree.focus);
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

/** The receipt's print: the QR code as SVG in its <img>, then the browser's dialog. */
export function print(svg) {
  const img = /** @type {HTMLImageElement|null} */ (document.getElementById("receipt-qr"));
  if (img && svg) img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  setTimeout(() => {
    window.print();
    // A kiosk forgets the family once its receipt is printed.
    page.kiosk?.wipe();
  }, 50);
}

/** The page events that make the app draw again. */
export function installInput() {
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

/** Empties the DOM layer: no input keeps a value, no element the text of the person before. */
export function clearLayer() {
  for (const el of layer.elements.values()) if ("value" in el) /** @type {any} */ (el).value = "";
  layer.root.textContent = "";
  layer.elements.clear();
  layer.origins.clear();
  layer.editing = null;
  layer.lastTitle = "";
}
