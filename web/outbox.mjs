// The outbox: a file the parent sends is stored on the device first (sealed, web/store.mjs),
// then posted to the server until the server answers for it — on start, when the network
// comes back, and on a timer that backs off exponentially with jitter, so that a thousand
// tablets coming back online do not all knock at once. The server stores a file once per
// file_id, so a post repeated after a lost answer is harmless.
//  - 200/201: sent; the reference and what the receipt shows are kept, the file itself is not.
//  - 4xx other than 408 and 429: the server refuses this file as it is; no more tries, the
//    parent is brought back to it ("attention").
//  - anything else (no network, 408, 429, 5xx): tried again later.
// One tab at a time drains the outbox (a Web Lock), so two tabs never post the same file at once.
import { all, clock, get, put, seal, unseal, update } from "./store.mjs";
import { page } from "./page.mjs";

const LOCK = "tasjil-outbox";
const FIRST_DELAY_MS = 2000;
const MAX_DELAY_MS = 10 * 60 * 1000;
const TIMEOUT_MS = 30000;

/**
 * The wait before try number `attempts + 1`: exponential from 2 s, at most 10 min, and a
 * random part ("equal jitter": between half and all of it). Exported for its tests.
 */
export function retryDelay(attempts, random = Math.random) {
  const full = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

/** Whether the server's status ends the tries (the file must change first). */
export function isFinalRefusal(status) {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** Seconds of a Retry-After header (delta-seconds only), or 0. */
export function retryAfterMs(header) {
  const n = Number(header);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 3600) * 1000 : 0;
}

// What the outbox remembers (page.outbox): its listeners, its next wake-up, the drain running,
// its counts, and the pause after a try that failed for want of network or server — the
// others wait as long: the same cause would fail them too.
const box = page.outbox;
const stats = box.stats;

/** @param {import("./page.mjs").OutboxListener} listener */
export function onOutbox(listener) {
  box.listeners.push(listener);
}

function tell(fileId, state, status, body = "") {
  for (const l of box.listeners) {
    try { l(fileId, state, status, body); } catch (error) {
      stats.failures++;
      console.error("tasjil: an outbox listener failed:", error && error.name);
    }
  }
}

/**
 * Queues a file (its JSON as the app wrote it) to be posted to `url` with `lang` as Accept-Language,
 * then tries at once. A file queued again (a retry the parent asked for) replaces the one
 * waiting and is tried at once; a file already sent is not posted again.
 */
export async function enqueue(fileId, url, body, lang) {
  const sealed = await seal({ url, body, lang });
  const record = await update("outbox", fileId, (current) => {
    if (current && current.state === "sent") return undefined;
    return {
      file_id: fileId,
      state: "queued",
      attempts: current ? current.attempts : 0,
      next_at: clock(),
      queued_at: current ? current.queued_at : clock(),
      last_status: current ? current.last_status : -1,
      sealed,
    };
  });
  if (record.state === "sent") tell(fileId, "sent", record.result.status_code, record.result.body);
  else tell(fileId, "queued", record.last_status);
  box.pausedUntil = 0;  // asked by the parent: tried now, whatever failed before
  drain();
  return record;
}

/** Every record of the outbox, without the files' content. */
export async function entries() {
  return (await all("outbox")).map(({ sealed, ...rest }) => rest);
}

/** Tries every waiting file now (the network is back, the parent asked). */
export async function sendNow() {
  const now = clock();
  box.pausedUntil = 0;
  for (const r of await all("outbox")) {
    if (r.state === "queued" && r.next_at > now) await update("outbox", r.file_id, (c) => c && c.state === "queued" ? { ...c, next_at: now } : undefined);
  }
  return drain();
}

/** Tells the listeners the state of every file, as stored (at start, after a reload). */
export async function announce() {
  for (const r of await all("outbox")) {
    if (r.state === "sent" || r.state === "attention") tell(r.file_id, r.state, r.result.status_code, r.result.body);
    else tell(r.file_id, "queued", r.last_status);
  }
}

async function post(record) {
  const { url, body, lang } = await unseal(record.sealed);
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
  stats.posts++;
  try {
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json", "Accept-Language": lang },
      signal: controller.signal,
      cache: "no-store",
    });
    return { status: response.status, text: await response.text(), retryAfter: response.headers.get("Retry-After") };
  } catch {
    return { status: 0, text: "", retryAfter: null };
  } finally {
    clearTimeout(timeout);
  }
}

async function attempt(fileId) {
  const record = await update("outbox", fileId, (c) => c && c.state === "queued" ? { ...c, state: "sending" } : undefined);
  if (!record || record.state !== "sending") return;
  tell(fileId, "sending", record.last_status);
  const { status, text, retryAfter } = await post(record);
  if (status === 200 || status === 201) {
    stats.sent++;
    // The file itself leaves the device: the server has it. The answer stays for the receipt.
    await put("outbox", { file_id: fileId, state: "sent", attempts: record.attempts + 1,
                          queued_at: record.queued_at, sent_at: clock(), last_status: status,
                          result: { status_code: status, body: text } });
    tell(fileId, "sent", status, text);
  } else if (isFinalRefusal(status)) {
    stats.refused++;
    await put("outbox", { ...record, state: "attention", attempts: record.attempts + 1, last_status: status,
                          result: { status_code: status, body: text } });
    tell(fileId, "attention", status, text);
  } else {
    stats.retried++;
    const attempts = record.attempts + 1;
    const wait = Math.max(retryDelay(attempts), retryAfterMs(retryAfter));
    box.pausedUntil = clock() + wait;
    await put("outbox", { ...record, state: "queued", attempts, last_status: status, next_at: box.pausedUntil });
    tell(fileId, "queued", status);
  }
}

async function drainOnce() {
  for (;;) {
    const now = clock();
    // Without any network a post can only fail; it would count as a try and push the next one
    // back. The browser's "online" event drains again at once.
    if (now < box.pausedUntil || !navigator.onLine) return;
    const due = (await all("outbox"))
      .filter((r) => (r.state === "queued" && r.next_at <= now) || r.state === "sending")
      .sort((a, b) => a.queued_at - b.queued_at);
    if (!due.length) break;
    for (const r of due) {
      // "sending" left by a tab that closed mid-post: the server's idempotency makes a repeat safe.
      if (r.state === "sending") await update("outbox", r.file_id, (c) => c && c.state === "sending" ? { ...c, state: "queued" } : undefined);
      await attempt(r.file_id);
      if (clock() < box.pausedUntil || !navigator.onLine) return;  // the rest waits
    }
  }
}

async function schedule() {
  clearTimeout(box.timer);
  const waiting = (await all("outbox")).filter((r) => r.state === "queued");
  if (!waiting.length) return;
  const next = Math.max(box.pausedUntil, Math.min(...waiting.map((r) => r.next_at)));
  box.timer = setTimeout(drain, Math.max(0, next - clock()));
}

/** Posts every file that is due, in the order they were queued; then sleeps until the next. */
export function drain() {
  if (box.draining) return box.draining;
  box.draining = (async () => {
    try {
      if (navigator.locks) await navigator.locks.request(LOCK, drainOnce);
      else await drainOnce();
    } catch (error) {
      stats.failures++;
      console.error("tasjil: the outbox could not be drained:", error && error.name);
    } finally {
      box.draining = null;
    }
    await schedule();
  })();
  return box.draining;
}

/** Starts the outbox: drains now, again whenever the network comes back. */
export function startOutbox() {
  window.addEventListener("online", () => { sendNow(); });
  drain();
}

/** The stored record of one file, without its content. */
export async function entry(fileId) {
  const r = await get("outbox", fileId);
  if (!r) return null;
  const { sealed, ...rest } = r;
  return rest;
}
