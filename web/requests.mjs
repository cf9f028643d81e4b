// The app's requests: each is sent with fetch() (30 s at most) and its answer goes back to the
// app, with the server's date read from it; a file the parent sends goes to the outbox instead
// (web/outbox.mjs, loaded when first needed), which keeps it on the device until the server
// has it and tells the app what becomes of it.
import { app } from "./bridge.mjs";
import { assetUrl } from "./assets.mjs";
import { page, failed } from "./page.mjs";
import { listFilesSoon } from "./files.mjs";

/** Loaded when first needed, after the first frame: the first visit downloads only what draws it. */
export const outbox = () => import("./outbox.mjs");
/** Where the app posts a file; such a post goes to the outbox. */
const FILES_URL = "/api/v1/files";
const TIMEOUT_MS = 30000;

/**
 * Sends a request of the app; the reply goes back to it (status 0: no network). A file goes
 * to the outbox instead, which tells the app what becomes of it (tasjil_outbox).
 */
export async function send(id, method, url, body, lang) {
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
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  const extension = page.extension;
  try {
    const response = await fetch(assetUrl(url), {
      method,
      body: method === "GET" ? undefined : body,
      headers: { "Accept-Language": lang, ...(method === "GET" ? {} : { "Content-Type": "application/json" }),
                 ...extension.headers?.(url, method) },
      signal: controller.signal,
    });
    // The server's date: where the registration window stands is judged with it, not only with
    // the device's clock, which may be wrong.
    const date = new Date(response.headers.get("Date") || "");
    if (extension.dated !== false && !Number.isNaN(date.getTime())) app.serverDate(date.toISOString().slice(0, 10));
    const text = await response.text();
    app.reply(id, response.status, extension.answered ? extension.answered(url, method, response.status, text) : text);
  } catch (error) {
    failed("a request failed", error);
    app.reply(id, 0, "");
  } finally {
    clearTimeout(timer);
  }
}

/** Connects the outbox to the app (after the first frame). */
export async function connectOutbox() {
  const o = await outbox();
  o.onOutbox((fileId, state, status, body) => {
    app.outbox(fileId, state, status, body);
    if (page.start.mode === "tablet") listFilesSoon();
  });
  return o;
}
