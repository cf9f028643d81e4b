// What the C++ side calls (src/app/platform/web_platform.cpp): window.TasjilPlatform, made of
// the page's three jobs — the semantic DOM layer (web/dom_layer.mjs), the requests and the
// outbox (web/requests.mjs), the device's drafts and the tablet's list (web/files.mjs).
// Nothing happens on import: the loader starts it with what it read (startPlatform).
import { page, failed } from "./page.mjs";
import { publish, print, installInput } from "./dom_layer.mjs";
import { send, outbox } from "./requests.mjs";
import { keepDraft, listFilesSoon, openDraft } from "./files.mjs";
import { deleteDraft } from "./drafts.mjs";

/** What the C++ side calls; its `start` is what the loader read. */
export const platform = {
  publish,
  fetch: (id, method, url, body, lang) => { send(id, method, url, body, lang); },
  print,
  problems: page.problems,
  ready: () => window.dispatchEvent(new Event("tasjil-ready")),
  failure: (reason) => /** @type {any} */ (window).TasjilFail?.(reason === "webgl2" ? "webgl2" : "failed"),
  saveDraft: (fileId, json) => { keepDraft(fileId, json); },
  deleteDraft: (fileId) => { deleteDraft(fileId).catch((e) => failed("a draft could not be deleted", e)); },
  applyUpdate: () => { import("./offline.mjs").then((o) => o.applyUpdate()); },
  sendNow: () => { outbox().then((o) => o.sendNow()); },
  listFiles: () => { listFilesSoon(); },
  openDraft: (fileId) => { openDraft(fileId).catch((e) => failed("the draft could not be opened", e)); },
  get start() { return page.start; },
};

/**
 * Starts the layer for this page: what the loader read (mode, draft to resume, a message's
 * reference), what another page adds (the console), the DOM layer under #a11y, and
 * window.TasjilPlatform for the C++ side.
 * @param {{mode: string, draft: string, ref: string}} start
 * @param {import("./page.mjs").Extension} extension
 */
export function startPlatform(start, extension = {}) {
  page.start = start;
  page.extension = extension;
  page.layer.root = document.getElementById("a11y");
  installInput();
  /** @type {any} */ (window).TasjilPlatform = platform;
}
