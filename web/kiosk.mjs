// Kiosk mode (?mode=kiosk): a shared device in a provincial directorate, used by one family
// after another. Full screen from the first touch; after an idle period (?idle=SECONDS,
// default 120) with a visible countdown of the last 20 seconds that any touch cancels, or right
// after the receipt is printed, everything of the person is wiped: drafts, IndexedDB records,
// caches other than the app's own and the public data, web storage, the DOM inputs, the app's
// model — and the Start screen returns. Only a file not yet sent stays, sealed, until the
// outbox has sent it.
import { clock, prune } from "./store.mjs";
import { drafted, forgetAllDrafts } from "./drafts.mjs";

const COUNTDOWN_SECONDS = 20;

/** The idle period of the address (?idle=SECONDS, at least 10), or 120 s. */
export function idleSeconds(search = location.search) {
  const n = Number(new URLSearchParams(search).get("idle"));
  return Number.isFinite(n) && n >= 10 ? Math.min(n, 3600) : 120;
}

/** Removes from the device everything personal except files still to send. */
export async function wipeDevice() {
  forgetAllDrafts();
  await drafted();
  await prune("drafts", () => false);
  await prune("outbox", (r) => r.state === "queued" || r.state === "sending");
  if (typeof caches !== "undefined") {
    for (const key of await caches.keys()) {
      if (!key.startsWith("tasjil-app-") && !key.startsWith("tasjil-data-")) await caches.delete(key);
    }
  }
  try { localStorage.clear(); sessionStorage.clear(); } catch { /* storage disabled */ }
}

/**
 * Starts the kiosk's watch. `wipeScreen()` clears the DOM layer and the app's model;
 * `countdown(seconds)` shows the warning (-1 hides it). Returns { touched, used, wipe }:
 * `used()` marks that someone entered something (before that, an idle kiosk has nothing to
 * wipe and shows no countdown).
 */
export function startKiosk({ wipeScreen, countdown }) {
  const idle = idleSeconds();
  let last = clock();
  let shown = -1;
  let inUse = false;
  const show = (n) => { if (n !== shown) { shown = n; countdown(n); } };
  const touched = () => {
    last = clock();
    show(-1);
  };
  for (const type of ["pointerdown", "keydown", "input", "wheel", "touchstart"]) {
    document.addEventListener(type, touched, { capture: true, passive: true });
  }
  document.addEventListener("pointerdown", () => {
    document.documentElement.requestFullscreen?.({ navigationUI: "hide" }).catch(() => {});
  }, { once: true, capture: true });

  let wiping = null;
  const wipe = () => {
    if (wiping) return wiping;
    wiping = (async () => {
      show(-1);
      inUse = false;
      try {
        await wipeDevice();
      } catch (error) {
        console.error("tasjil: the kiosk could not wipe the device:", error && error.name);
      }
      wipeScreen();
      last = clock();
      wiping = null;
    })();
    return wiping;
  };
  setInterval(() => {
    if (!inUse) return;
    const left = Math.ceil(idle - (clock() - last) / 1000);
    if (left <= 0) wipe();
    else if (left <= Math.min(COUNTDOWN_SECONDS, idle)) show(left);
  }, 250);
  return { touched, used: () => { inUse = true; }, wipe };
}
