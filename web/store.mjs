// What the app keeps on the device, in IndexedDB: drafts being filled and the outbox of files
// to send. Everything personal is sealed with AES-GCM under one key made on the device, not
// extractable (the page can use it, nobody can read it out), kept in the same database; only
// ids, times and states stay readable, so that the outbox can be scheduled without opening it.
//
// Records
//   drafts  { file_id, updated_at, sealed }                          sealed: the app's draft
//   outbox  { file_id, state, attempts, next_at, queued_at, last_status, sealed?, result? }
//           state: queued | sending | sent | attention; sealed: { url, body, lang } until sent
//   keys    "device" → CryptoKey (AES-GCM 256, non-extractable)
import { page } from "./page.mjs";

/**
 * Milliseconds since 1970 for the device's records, taken from the page's monotonic clock
 * (performance.timeOrigin + now): a tablet whose clock is set back while files wait, or a
 * clock set by hand, does not stall the outbox or reorder the drafts of one session.
 */
export const clock = () => Math.round(performance.timeOrigin + performance.now());

const DB_NAME = "tasjil";
const DB_VERSION = 1;
/** The database and the device key, each opened once per page. */
const opened = page.store;

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(undefined);
    tx.onabort = tx.onerror = () => reject(tx.error);
  });
}

/** The database, opened once per page. */
export function db() {
  if (!opened.opening) {
    opened.opening = new Promise((resolve, reject) => {
      const r = indexedDB.open(DB_NAME, DB_VERSION);
      r.onupgradeneeded = () => {
        const d = r.result;
        if (!d.objectStoreNames.contains("drafts")) d.createObjectStore("drafts", { keyPath: "file_id" });
        if (!d.objectStoreNames.contains("outbox")) d.createObjectStore("outbox", { keyPath: "file_id" });
        if (!d.objectStoreNames.contains("keys")) d.createObjectStore("keys");
      };
      r.onsuccess = () => {
        const d = r.result;
        // Another tab opened.opening a newer version: let it, this page reloads into it.
        d.onversionchange = () => d.close();
        resolve(d);
      };
      r.onerror = () => reject(r.error);
      r.onblocked = () => reject(new Error("IndexedDB upgrade blocked by another tab"));
    });
    opened.opening.catch(() => { opened.opening = null; });
  }
  return opened.opening;
}


/** The device key: made on first use; two tabs making one at once keep the first stored. */
function deviceKey() {
  if (!opened.keying) {
    opened.keying = (async () => {
      const d = await db();
      const existing = await request(d.transaction("keys").objectStore("keys").get("device"));
      if (existing) return existing;
      const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      const tx = d.transaction("keys", "readwrite");
      const store = tx.objectStore("keys");
      const raced = await request(store.get("device"));
      if (!raced) store.put(key, "device");
      await done(tx);
      return raced || key;
    })();
    opened.keying.catch(() => { opened.keying = null; });
  }
  return opened.keying;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Seals a JSON-able value: { iv, data } with a fresh 96-bit IV. */
export async function seal(value) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await deviceKey(),
                                           encoder.encode(JSON.stringify(value)));
  return { iv, data: new Uint8Array(data) };
}

/** Opens what seal() made; throws when it was altered or sealed under another key. */
export async function unseal(sealed) {
  const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, await deviceKey(), sealed.data);
  return JSON.parse(decoder.decode(plain));
}

/** Every record of a store. */
export async function all(storeName) {
  const d = await db();
  return request(d.transaction(storeName).objectStore(storeName).getAll());
}

export async function get(storeName, key) {
  const d = await db();
  return request(d.transaction(storeName).objectStore(storeName).get(key));
}

export async function put(storeName, record) {
  const d = await db();
  const tx = d.transaction(storeName, "readwrite");
  tx.objectStore(storeName).put(record);
  await done(tx);
}

export async function remove(storeName, key) {
  const d = await db();
  const tx = d.transaction(storeName, "readwrite");
  tx.objectStore(storeName).delete(key);
  await done(tx);
}

/**
 * Changes one record inside one transaction: `change(record|undefined)` returns the new
 * record, or null to delete it, or undefined to leave it. Returns what was stored.
 */
export async function update(storeName, key, change) {
  const d = await db();
  const tx = d.transaction(storeName, "readwrite");
  const store = tx.objectStore(storeName);
  const current = await request(store.get(key));
  const next = change(current);
  if (next === null) store.delete(key);
  else if (next !== undefined) store.put(next);
  await done(tx);
  return next === undefined ? current : next;
}

/** Deletes every record of a store that `keep` does not keep. */
export async function prune(storeName, keep) {
  const d = await db();
  const tx = d.transaction(storeName, "readwrite");
  const store = tx.objectStore(storeName);
  for (const record of await request(store.getAll())) {
    if (!keep(record)) store.delete(store.keyPath ? record[/** @type {string} */ (store.keyPath)] : record);
  }
  await done(tx);
}
