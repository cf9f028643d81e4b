// Drafts on the device: each change of the app's draft is stored (sealed, web/store.mjs) at
// once — writes that come while one is running are folded into the next, so the stored draft
// is never more than one write behind. One draft is open in one tab only: the tab holds a Web
// Lock named after the file while it shows it, and a second tab that asks for the same draft
// is refused.
import { all, clock, get, put, remove, seal, unseal } from "./store.mjs";
import { page, failed } from "./page.mjs";

const LOCK_PREFIX = "tasjil-draft:";
/** file id → release of its lock held by this tab; file id → newest draft JSON not yet written */
const { held, pending } = page.drafts;

/**
 * Takes the lock of a draft for this tab. Resolves true when it is this tab's (or the browser
 * has no Web Locks: then nothing can be shared anyway), false when another tab holds it.
 */
export function lockDraft(fileId) {
  if (held.has(fileId)) return Promise.resolve(true);
  if (!navigator.locks) return Promise.resolve(true);
  return new Promise((resolve, reject) => {
    navigator.locks.request(LOCK_PREFIX + fileId, { ifAvailable: true }, (lock) => {
      if (!lock) { resolve(false); return undefined; }
      resolve(true);
      // Held until released here, or until the tab is closed.
      return new Promise((release) => held.set(fileId, () => { held.delete(fileId); release(undefined); }));
    }).catch(reject);
  });
}

export function unlockDraft(fileId) {
  held.get(fileId)?.();
}

/** Drops the writes not yet made and lets go of every lock this tab holds (a kiosk's wipe). */
export function forgetAllDrafts() {
  pending.clear();
  for (const release of [...held.values()]) release();
}

/** Whether another tab holds the lock of this draft. */
export async function lockedElsewhere(fileId) {
  if (!navigator.locks || held.has(fileId)) return false;
  const state = await navigator.locks.query();
  return (state.held || []).some((l) => l.name === LOCK_PREFIX + fileId);
}

async function flush() {
  while (pending.size) {
    const [fileId, json] = pending.entries().next().value;
    pending.delete(fileId);
    try {
      await put("drafts", { file_id: fileId, updated_at: clock(), sealed: await seal(json) });
    } catch (error) {
      failed("a draft could not be stored", error);
    }
  }
  page.drafts.writing = null;
}

/** Stores the newest draft of a file. Resolves when it (or a newer one) is written. */
export function saveDraft(fileId, json) {
  pending.set(fileId, json);
  if (!page.drafts.writing) page.drafts.writing = flush();
  return page.drafts.writing;
}

/** Resolves when every draft handed to saveDraft is written. */
export function drafted() {
  return page.drafts.writing || Promise.resolve();
}

/** A draft's JSON, or null when there is none or it cannot be opened. */
export async function loadDraft(fileId) {
  const record = await get("drafts", fileId);
  if (!record) return null;
  try {
    return await unseal(record.sealed);
  } catch (error) {
    console.error("tasjil: a stored draft could not be opened:", error && error.name);
    return null;
  }
}

/** Every draft: [{file_id, updated_at, json}], the newest first; unreadable ones left out. */
export async function listDrafts() {
  const out = [];
  for (const record of await all("drafts")) {
    try {
      out.push({ file_id: record.file_id, updated_at: record.updated_at, json: await unseal(record.sealed) });
    } catch (error) {
      console.error("tasjil: a stored draft could not be opened:", error && error.name);
    }
  }
  return out.sort((a, b) => b.updated_at - a.updated_at);
}

/** Forgets a draft (a write still pending for it is dropped first). */
export async function deleteDraft(fileId) {
  pending.delete(fileId);
  await drafted();
  await remove("drafts", fileId);
  unlockDraft(fileId);
}
