// The app as an installed, offline app: registers the service worker (sw.js), notices when a
// new version is installed and waiting, and moves to it only when asked — the app offers it
// between two files, never in the middle of one. Asks the browser to keep the device's data
// (navigator.storage.persist) and watches how much room is left.

import { page } from "./page.mjs";

const LOW_STORAGE_BYTES = 20 * 1024 * 1024;

/**
 * Registers the service worker. `onUpdate()` is called when a new version is installed and
 * waits for this page to let it in.
 */
export async function registerWorker(onUpdate) {
  if (!("serviceWorker" in navigator)) return null;
  try {
    page.registration = await navigator.serviceWorker.register("./sw.js", { scope: "./" });
  } catch (error) {
    // Offline, the worker's script cannot be checked for a new version: the one installed
    // goes on serving the app.
    page.registration = (await navigator.serviceWorker.getRegistration().catch(() => undefined)) || null;
    if (!page.registration) {
      console.error("tasjil: the offline app could not be installed:", error && error.name);
      return null;
    }
  }
  const watch = (worker) => {
    if (!worker) return;
    const check = () => {
      // A waiting worker while another controls the page: a new version, not the first install.
      if (worker.state === "installed" && navigator.serviceWorker.controller) onUpdate();
    };
    worker.addEventListener("statechange", check);
    check();
  };
  const registration = page.registration;
  watch(registration.waiting);
  registration.addEventListener("updatefound", () => watch(registration.installing));
  return registration;
}

/** Asks the worker to keep these data URLs (fetched before it controlled the page). */
export async function keepData(urls) {
  if (!("serviceWorker" in navigator) || !urls.length) return;
  const ready = await navigator.serviceWorker.ready;
  ready.active?.postMessage({ type: "keep-data", urls });
}

/** Looks for a new version now (tests, and a long-open kiosk page). */
export async function checkForUpdate() {
  if (page.registration) await page.registration.update();
}

/** Moves to the waiting version: it takes over, then the page loads again under it. */
export async function applyUpdate() {
  const current = page.registration || (await navigator.serviceWorker?.getRegistration());
  const waiting = current && current.waiting;
  if (!waiting) return false;
  navigator.serviceWorker.addEventListener("controllerchange", () => location.reload(), { once: true });
  waiting.postMessage({ type: "take-over" });
  return true;
}

/**
 * Asks to keep this origin's data when the device runs short (drafts and the outbox must not
 * be evicted), and reports whether room is low. Returns {persisted, low}.
 */
export async function guardStorage() {
  const out = { persisted: false, low: false };
  if (!navigator.storage) return out;
  try {
    out.persisted = (await navigator.storage.persisted?.()) || (await navigator.storage.persist?.()) || false;
    const estimate = await navigator.storage.estimate?.();
    if (estimate && estimate.quota) out.low = estimate.quota - (estimate.usage || 0) < LOW_STORAGE_BYTES;
  } catch (error) {
    console.error("tasjil: the storage could not be checked:", error && error.name);
  }
  return out;
}
