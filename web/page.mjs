// What a page remembers between calls, in one object: each module of the page keeps its part
// here and nothing mutable at module level, so that what a page holds is read in one place,
// nothing is shared by accident between two pages' modules, and a test can look at it.
// Nothing happens on import.

/**
 * What another page adds to the shared layer (the staff console, web/staff/console.mjs), given
 * once to loadPage: headers of its requests (a session, the device), a look at each answer
 * before the app gets it, work after each published tree; `dated: false` for an app that does
 * not take the server's date.
 * @typedef {{headers?: (url: string, method: string) => Record<string, string>,
 *            answered?: (url: string, method: string, status: number, text: string) => string,
 *            published?: () => void, dated?: boolean}} Extension
 */

/**
 * What the outbox tells: state queued | sending | sent | attention; status of the last try
 * (-1: none yet, 0: no network); body: the server's answer (sent, attention), else "".
 * @typedef {(fileId: string, state: string, status: number, body: string) => void} OutboxListener
 */

/**
 * @typedef {object} Page
 * @property {{mode: string, draft: string, ref: string}} start  what the loader read: the
 *   device's mode, the draft to resume, a message's reference
 * @property {Extension} extension  what the console adds (web/staff/console.mjs)
 * @property {{root: HTMLElement|null, elements: Map<string, HTMLElement>,
 *             origins: Map<string, {x: number, y: number}>, editing: string|null,
 *             lastTitle: string, keyboardShown: boolean}} layer  the DOM twin of the semantic
 *   tree (web/dom_layer.mjs): its elements by id, each container's origin, the text input
 *   being edited, the last title, whether the kiosk's keyboard was in the last tree
 * @property {Set<string>} fetchedData  data URLs of the server fetched (the service worker keeps them)
 * @property {string[]} failures  what went wrong on the device side, by name only (never content)
 * @property {string[]} problems  problems of refused trees, for tests
 * @property {{current: string, listTimer: any}} files  the draft this tab holds the lock of;
 *   the tablet list's pending refresh (web/files.mjs)
 * @property {{held: Map<string, () => void>, pending: Map<string, string>,
 *             writing: Promise<void>|null}} drafts  locks this tab holds, newest drafts not
 *   yet written, the write running (web/drafts.mjs)
 * @property {{opening: Promise<IDBDatabase>|null, keying: Promise<CryptoKey>|null}} store
 *   the database and the device key, each opened once (web/store.mjs)
 * @property {{listeners: OutboxListener[], timer: any, draining: Promise<void>|null,
 *             pausedUntil: number, stats: {posts: number, sent: number, refused: number,
 *             retried: number, failures: number}}} outbox  the outbox's listeners, its next
 *   wake-up, the drain running, the pause after a failed try, its counts (web/outbox.mjs)
 * @property {ServiceWorkerRegistration|null} registration  the service worker's (web/offline.mjs)
 * @property {{stallTimer: any, received: Record<string, number>}} loading  the loader's
 *   stall watch and bytes received so far (web/loader.mjs)
 * @property {{used: () => void, wipe: () => void}|null} kiosk  kiosk mode's watch (web/kiosk.mjs)
 * @property {{token: string, notes: any}} staff  the console's session token (only in memory:
 *   a reload ends the session) and the app's last annotations (web/staff/console.mjs)
 */

/** @type {Page} */
export const page = {
  start: { mode: "parent", draft: "", ref: "" },
  extension: {},
  layer: { root: null, elements: new Map(), origins: new Map(), editing: null, lastTitle: "", keyboardShown: false },
  fetchedData: new Set(),
  failures: [],
  problems: [],
  files: { current: "", listTimer: 0 },
  drafts: { held: new Map(), pending: new Map(), writing: null },
  store: { opening: null, keying: null },
  outbox: { listeners: [], timer: undefined, draining: null, pausedUntil: 0,
            stats: { posts: 0, sent: 0, refused: 0, retried: 0, failures: 0 } },
  registration: null,
  loading: { stallTimer: 0, received: {} },
  kiosk: null,
  staff: { token: "", notes: null },
};

/** Logs and counts a failure of the device side, by the error's name only (never content). */
export function failed(what, error) {
  page.failures.push(`${what}: ${error && error.name}`);
  console.error(`tasjil: ${what}:`, error && error.name);
}
