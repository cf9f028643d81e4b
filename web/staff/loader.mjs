// Tasjil staff console loader: checks WebAssembly and WebGL2, compiles the console's wasm while
// it downloads, shows a plain message in three languages when something fails, then starts it.
// The console is online only: no service worker, nothing kept on the device.
import { platform, app } from "./platform.mjs";
import "./console.mjs";

const messages = {
  webgl2: ["متصفحك أو جهازك لا يدعم WebGL2 الذي تحتاجه هذه المنصة.", "ⴰⵎⵙⵙⵉⴳⵍ ⵏⵏⴽ ⵓⵔ ⵉⵙⵙⵓⴷⵓ WebGL2.",
           "Votre navigateur ou votre appareil ne prend pas en charge WebGL2, nécessaire à cette console."],
  failed: ["تعذر تحميل المنصة. تحقق من الاتصال ثم أعد المحاولة.", "ⵓⵔ ⵜⵣⴷⴰⵎ ⵜⵙⵏⵙⵍⵜ. ⴰⵍⵙ.",
           "La console n'a pas pu être chargée. Vérifiez la connexion puis réessayez."],
};

function fail(kind) {
  const m = messages[kind] || messages.failed;
  ["ar", "zgh", "fr"].forEach((l, i) => { document.getElementById(`failure-${l}`).textContent = m[i]; });
  document.getElementById("loading").hidden = true;
  document.getElementById("failure").hidden = false;
}
/** @type {any} */ (window).TasjilFail = fail;

async function ok(url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function main() {
  document.getElementById("retry").onclick = () => location.reload();
  if (typeof WebAssembly !== "object" || !document.createElement("canvas").getContext("webgl2")) return fail("webgl2");
  const [compiled, bytes] = await Promise.all([
    ok("index.wasm").then((r) => WebAssembly.compileStreaming(r)),
    ok("index.data").then((r) => r.arrayBuffer()),
  ]);
  platform.start = { mode: "staff", draft: "", ref: "" };
  /** @type {any} */ (window).Module = {
    canvas: document.getElementById("canvas"),
    instantiateWasm(imports, done) {
      WebAssembly.instantiate(compiled, imports).then((instance) => done(instance, compiled)).catch(() => fail("failed"));
      return {};
    },
    onRuntimeInitialized: () => { if (!app.mount(bytes)) fail("failed"); },
    onAbort: () => fail("failed"),
    print: () => {},
    printErr: (t) => console.warn(t),
  };
  const script = document.createElement("script");
  script.src = "index.js";
  script.onerror = () => fail("failed");
  document.body.appendChild(script);
}

window.addEventListener("tasjil-ready", () => { document.getElementById("loading").hidden = true; }, { once: true });
main().catch((error) => {
  console.error("tasjil: the console could not start:", error && error.message);
  fail("failed");
});
