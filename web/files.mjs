// The device's files for the app: the draft on screen, kept as it changes under this tab's lock
// (web/drafts.mjs), and in tablet mode the list of every kept file with what the outbox did
// with it, and a kept file put back on screen. What it remembers is page.files (web/page.mjs).
import { app } from "./bridge.mjs";
import { page, failed } from "./page.mjs";
import { saveDraft, lockDraft, unlockDraft, listDrafts, loadDraft, drafted } from "./drafts.mjs";

/** Stores a draft, holding its lock for this tab from its first save. */
export async function keepDraft(fileId, json) {
  if (fileId !== page.files.current) {
    if (page.files.current) unlockDraft(page.files.current);
    page.files.current = fileId;
  }
  page.kiosk?.used();
  if (!(await lockDraft(fileId))) console.error("tasjil: a draft of this tab is open in another");
  await saveDraft(fileId, json);
}

/** "YYYY-MM-DDTHH:MM" in the device's time zone. */
function localTime(ms) {
  const d = new Date(ms);
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function referenceOf(record) {
  try {
    return String(JSON.parse(record.result.body).reference || "");
  } catch (error) {
    failed("a stored receipt is not JSON", error);
    return "";
  }
}

/** Tablet mode: every kept draft with what the outbox did with it, to the app. */
async function listFiles() {
  const [drafts, box] = await Promise.all([listDrafts(), import("./outbox.mjs").then((o) => o.entries())]);
  const byId = new Map(box.map((r) => [r.file_id, r]));
  const list = drafts.map((d) => {
    const r = byId.get(d.file_id);
    return { file_id: d.file_id, changed: localTime(d.updated_at), draft: d.json,
             outbox: r ? { state: r.state, reference: r.state === "sent" ? referenceOf(r) : "" } : null };
  });
  app.files(JSON.stringify(list));
}

/** The list, once the changes of the next 300 ms are in. */
export function listFilesSoon() {
  clearTimeout(page.files.listTimer);
  page.files.listTimer = setTimeout(() => listFiles().catch((e) => failed("the files could not be listed", e)), 300);
}

/** Tablet mode: a kept draft in place of the one on screen (which is stored already). */
export async function openDraft(fileId) {
  await drafted();
  if (!(await lockDraft(fileId))) {
    console.error("tasjil: that draft is open in another tab");
    return;
  }
  const json = await loadDraft(fileId);
  if (!json) return;
  if (page.files.current && page.files.current !== fileId) unlockDraft(page.files.current);
  page.files.current = fileId;
  app.open(json);
}
