// The one typed bridge between the page and the C++ app's exports (src/app/main.cpp). Nothing
// else in the page calls Module directly.

/**
 * @typedef {object} AppBridge
 * @property {(id: string, value: string) => void} input  text typed into a field, a choice
 * @property {(id: string) => void} activate  a button, radio, checkbox or link was used
 * @property {(id: string, focused: boolean) => void} focus  focus moved to or from an element
 * @property {(x: number, y: number) => void} pointer  pointer position in viewport CSS px
 * @property {() => void} wake  something outside changed (scroll, resize): draw again
 * @property {(id: number, status: number, body: string) => void} reply  a fetch answered
 * @property {(isoDate: string) => void} serverDate  the server's date (YYYY-MM-DD), from a reply
 * @property {(fileId: string, state: string, status: number, body: string) => void} outbox
 *   what the outbox did with a file: queued | sending | sent | attention
 * @property {(list: string) => void} files  tablet mode: the device's files (JSON)
 * @property {(draft: string) => void} open  tablet mode: a kept draft to put on screen
 * @property {(secondsLeft: number) => void} idle  kiosk mode: the countdown (-1: hidden)
 * @property {() => void} wipe  kiosk mode: forget everything of the person, back to Start
 * @property {(updateReady: boolean, storageLow: boolean) => void} device  what the page
 *   learnt of the device
 * @property {(bytes: ArrayBuffer) => boolean} mount  the data package (index.data), before main()
 * @property {() => number} frameCount  frames drawn so far
 * @property {() => number} lastFrameMs  CPU time of the last frame
 */

/**
 * The bridge over the Emscripten module once it is running; calls before that are dropped
 * (the app draws its first frame from its own state).
 * @returns {AppBridge}
 */
export function createBridge() {
  const call = (name, types, args, ret = null) => {
    const M = /** @type {any} */ (window).Module;
    return M && M.ccall ? M.ccall(name, ret, types, args) : 0;
  };
  return {
    input: (id, value) => call("tasjil_input", ["string", "string"], [id, value]),
    activate: (id) => call("tasjil_activate", ["string"], [id]),
    focus: (id, focused) => call("tasjil_focus", ["string", "number"], [id, focused ? 1 : 0]),
    pointer: (x, y) => call("tasjil_pointer", ["number", "number"], [x, y]),
    wake: () => call("tasjil_wake", [], []),
    reply: (id, status, body) => call("tasjil_reply", ["number", "number", "string"], [id, status, body]),
    serverDate: (isoDate) => call("tasjil_server_date", ["string"], [isoDate]),
    outbox: (fileId, state, status, body) =>
      call("tasjil_outbox", ["string", "string", "number", "string"], [fileId, state, status, body]),
    files: (list) => call("tasjil_files", ["string"], [list]),
    open: (draft) => call("tasjil_open", ["string"], [draft]),
    idle: (secondsLeft) => call("tasjil_idle", ["number"], [secondsLeft]),
    wipe: () => call("tasjil_wipe", [], []),
    device: (updateReady, storageLow) =>
      call("tasjil_device", ["number", "number"], [updateReady ? 1 : 0, storageLow ? 1 : 0]),
    mount: (bytes) => {
      // Copied into the wasm's memory: too large for ccall's stack-allocated arrays.
      const M = /** @type {any} */ (window).Module;
      const at = M._malloc(bytes.byteLength);
      M.HEAPU8.set(new Uint8Array(bytes), at);
      const mounted = call("tasjil_mount", ["number", "number"], [at, bytes.byteLength], "number") === 1;
      M._free(at);
      return mounted;
    },
    frameCount: () => call("tasjil_frame_count", [], [], "number"),
    lastFrameMs: () => call("tasjil_last_frame_ms", [], [], "number"),
  };
}

/** The page's bridge: its calls reach the app once it runs. */
export const app = createBridge();
