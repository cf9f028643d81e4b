// Tasjil page loader: checks WebAssembly and WebGL2, downloads the app with a progress bar
// driven by bytes received, shows a plain message in the three languages when something is
// missing, fails or stalls, then starts the app. An external module, so that the Content
// Security Policy needs no inline script; it imports the platform first, so the DOM layer is
// there before the app's first frame.
import "./platform.mjs";

function main() {
  // Byte sizes of the downloads, written by the build, for a progress bar that tracks bytes.
  var sizes = __TASJIL_ASSET_SIZES__;
  var messages = {
    nowasm: ["متصفحك لا يدعم WebAssembly. المرجو تحديثه أو استعمال متصفح آخر.",
             "ⴰⵎⵙⵙⵉⴳⵍ ⵏⵏⴽ ⵓⵔ ⵉⵙⵙⵓⴷⵓ WebAssembly. ⵙⵏⴼⵍ ⵜ ⵏⵖ ⵙⵙⵎⵔⵙ ⵡⴰⵢⴹ.",
             "Votre navigateur ne prend pas en charge WebAssembly. Mettez-le à jour ou utilisez un autre navigateur."],
    webgl2: ["متصفحك أو جهازك لا يدعم WebGL2 الذي تحتاجه هذه الخدمة. المرجو تحديث المتصفح أو استعمال جهاز آخر.",
             "ⴰⵎⵙⵙⵉⴳⵍ ⵏⵖ ⵜⴰⵎⴰⵙⵉⵏⵜ ⵏⵏⴽ ⵓⵔ ⵙⵙⵓⴷⵓⵏ WebGL2. ⵙⵏⴼⵍ ⴰⵎⵙⵙⵉⴳⵍ ⵏⵖ ⵙⵙⵎⵔⵙ ⵜⴰⵎⴰⵙⵉⵏⵜ ⵢⴰⴹⵏ.",
             "Votre navigateur ou votre appareil ne prend pas en charge WebGL2, nécessaire à ce service. Mettez à jour le navigateur ou utilisez un autre appareil."],
    failed: ["تعذر تحميل الخدمة. تحقق من اتصالك بالإنترنت ثم أعد المحاولة.",
             "ⵓⵔ ⵜⵣⴷⴰⵎ ⵜⵏⴰⴼⵓⵜ. ⵙⵙⵏⵜⵎ ⴰⵙⵖⵓⵏ ⵏⵏⴽ ⵙ ⵉⵏⵜⵔⵏⵉⵜ ⵜⴰⵍⵙⴷ.",
             "Le service n'a pas pu être chargé. Vérifiez votre connexion Internet puis réessayez."],
    stalled: ["التحميل متوقف منذ مدة. قد يكون الاتصال ضعيفا: أعد المحاولة.",
              "ⴰⵣⴷⴰⵎ ⵉⴱⴷⴷ ⵙⴳ ⴽⵔⴰ ⵏ ⵜⵉⵣⵉ. ⵉⵣⵎⵔ ⴰⵙⵖⵓⵏ ⴰⴷ ⵢⵉⵍⵉ ⵉⴷⵄⴼ: ⴰⵍⵙ.",
              "Le chargement est bloqué depuis un moment. La connexion est peut-être faible : réessayez."]
  };
  function fail(kind) {
    var m = messages[kind] || messages.failed;
    document.getElementById("failure-ar").textContent = m[0];
    document.getElementById("failure-zgh").textContent = m[1];
    document.getElementById("failure-fr").textContent = m[2];
    document.getElementById("loading").hidden = true;
    document.getElementById("failure").hidden = false;
    clearTimeout(stallTimer);
  }
  window.TasjilFail = fail;
  document.getElementById("retry").onclick = function () { location.reload(); };

  if (typeof WebAssembly !== "object") return fail("nowasm");
  var probe = document.createElement("canvas");
  if (!probe.getContext("webgl2")) return fail("webgl2");

  var total = sizes["index.wasm"] + sizes["index.data"];
  var received = {};
  var bar = document.getElementById("bar");
  var stallTimer = 0;
  function progress(name, n) {
    received[name] = n;
    var sum = 0;
    for (var k in received) sum += received[k];
    var pct = Math.min(100, Math.round(100 * sum / total));
    bar.firstChild.style.width = pct + "%";
    bar.setAttribute("aria-valuenow", String(pct));
    clearTimeout(stallTimer);
    stallTimer = setTimeout(function () { fail("stalled"); }, 20000);
  }
  // Downloads a file, reporting bytes as they arrive (decompressed bytes, against
  // uncompressed sizes).
  function download(name) {
    return fetch(name).then(function (response) {
      if (!response.ok) throw new Error(name + ": HTTP " + response.status);
      if (!response.body || !response.body.getReader) {
        return response.arrayBuffer().then(function (b) { progress(name, b.byteLength); return b; });
      }
      var reader = response.body.getReader(), chunks = [], length = 0;
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) {
            var out = new Uint8Array(length), at = 0;
            chunks.forEach(function (c) { out.set(c, at); at += c.length; });
            return out.buffer;
          }
          chunks.push(r.value);
          length += r.value.length;
          progress(name, length);
          return pump();
        });
      }
      return pump();
    });
  }
  progress("start", 0);
  Promise.all([download("index.wasm"), download("index.data")])
    .then(function (files) {
      window.Module = {
        canvas: document.getElementById("canvas"),
        wasmBinary: files[0],
        getPreloadedPackage: function () { return files[1]; },
        onAbort: function () { fail("failed"); },
        print: function () {},
        printErr: function (t) { console.warn(t); }
      };
      // The app's script was preloaded by the page head; this takes it from that cache.
      var script = document.createElement("script");
      script.src = "index.js";
      script.onerror = function () { fail("failed"); };
      document.body.appendChild(script);
    })
    .catch(function () { fail("failed"); });
  window.addEventListener("tasjil-ready", function () {
    clearTimeout(stallTimer);
    document.getElementById("loading").hidden = true;
  });
}

main();
