// Checks docs/openapi.yaml against real responses: starts tasjil-server on a temporary SQLite
// database, exercises every documented path, and validates each JSON body against the schema the
// description gives for that path, method and status (ajv, JSON Schema 2020-12 as in OpenAPI 3.1).
// Usage: node openapi_test.mjs PATH_TO_TASJIL_SERVER   (run from the source root)
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import YAML from "yaml";
import { Ajv2020 } from "ajv/dist/2020.js";
// A CommonJS package: its plugin is the module itself and its `default` too.
import formats from "ajv-formats";
import { totp } from "../support/totp.mjs";

const serverBin = process.argv[2];
const doc = YAML.parse(readFileSync("docs/openapi.yaml", "utf8"));
const ajv = new Ajv2020({ strict: false, allErrors: true });
formats.default(ajv);
ajv.addSchema({ $id: "openapi", components: doc.components });

let passed = 0, failed = 0;
const check = (name, ok, detail = "") => {
  if (ok) passed++; else { failed++; console.log(`FAIL ${name} ${detail}`); }
};

function schemaFor(path, method, status) {
  const op = doc.paths[path]?.[method];
  const response = op?.responses?.[String(status)];
  if (!response) return undefined;
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return null;
  // Resolve component references through the registered document.
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/'));
}

// Calls `url` and checks the answer has exactly the `expected` status, that the status is
// documented for that path and method, and that a JSON body matches its documented schema.
async function call(template, method, url, ...rest) {
  const expected = rest.pop();
  const init = rest[0] ?? {};
  const res = await fetch(base + url, { method: method.toUpperCase(), ...init });
  const text = await res.text();
  const schema = schemaFor(template, method, res.status);
  const name = `${method.toUpperCase()} ${url} → ${res.status}`;
  check(`${name} (expected ${expected})`, res.status === expected);
  if (schema === undefined) {
    check(name, false, "status not documented");
  } else if (schema !== null) {
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      check(name, false, "the documented JSON body is not JSON");
      return { status: res.status, body: null, headers: res.headers };
    }
    const validate = ajv.compile(schema);
    check(name, validate(body), ajv.errorsText(validate.errors));
    return { status: res.status, body, headers: res.headers };
  } else {
    check(name, true);
  }
  return { status: res.status, body: null, headers: res.headers };
}

// Both ports are reserved together, so the two can never be the same one.
async function freePorts(n) {
  const sockets = await Promise.all(Array.from({ length: n }, () => new Promise((resolve) => {
    const s = createServer(); s.listen(0, "127.0.0.1", () => resolve(s));
  })));
  const ports = sockets.map((s) => s.address().port);
  await Promise.all(sockets.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

const dir = mkdtempSync(join(tmpdir(), "tasjil-openapi-"));
const [port, metricsPort] = await freePorts(2);
const base = `http://127.0.0.1:${port}`;
execFileSync(serverBin, ["admin", "create-staff", "--data", dir, "--username", "martil", "--role", "school",
  "--scope", "57303B", "--password-stdin"], { input: "a long enough password\n" });
execFileSync(serverBin, ["admin", "create-staff", "--data", dir, "--username", "mdiq", "--role", "directorate",
  "--scope", "01.573", "--password-stdin"], { input: "a long province password\n" });
const proc = spawn(serverBin, ["--listen", `127.0.0.1:${port}`, "--data", dir, "--school-year", "2026-2027",
  "--notifier-workers", "0", "--web", join(dir, "web"), "--metrics-listen", `127.0.0.1:${metricsPort}`,
  // Log-ins and activations share one limit per address: this test makes many of both.
  "--rate-login", "120"],
  { stdio: ["ignore", "ignore", "pipe"] });
// The server's log is printed when it does not come up, so a failure says why.
let serverLog = "";
proc.stderr.on("data", (chunk) => { serverLog += chunk; });
let exited = null;
proc.on("exit", (code, signal) => { exited = { code, signal }; });
async function waitHealthy() {
  for (let i = 0; i < 300 && !exited; i++) {
    try { if ((await fetch(base + "/healthz")).ok) return; } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tasjil-server did not become healthy (${exited ? `exited ${JSON.stringify(exited)}` : "30 s"}):\n${serverLog}`);
}
try {
  await waitHealthy();
  const sample = JSON.parse(readFileSync("assets/samples/electronic-file.json", "utf8"));
  const json = { "Content-Type": "application/json" };
  const created = await call("/api/v1/files", "post", "/api/v1/files", { headers: json, body: JSON.stringify(sample) }, 201);
  check("first submission is 201", created.status === 201);
  await call("/api/v1/files", "post", "/api/v1/files", { headers: json, body: JSON.stringify(sample) }, 200);
  await call("/api/v1/files", "post", "/api/v1/files", { headers: json, body: JSON.stringify({ ...sample, locale: "fr" }) }, 409);
  await call("/api/v1/files", "post", "/api/v1/files", { headers: json, body: "{" }, 400);
  await call("/api/v1/files", "post", "/api/v1/files", { headers: json, body: JSON.stringify({ ...sample, file_id: "x" }) }, 422);
  await call("/api/v1/files", "post", "/api/v1/files", { headers: { "Content-Type": "text/plain" }, body: "{}" }, 415);
  await call("/api/v1/files", "post", "/api/v1/files", { headers: json, body: " ".repeat(70000) + "{}" }, 413);
  const ref = created.body.reference;
  await call("/api/v1/files/{reference}", "get", `/api/v1/files/${ref}?birth_date=${sample.child.birth_date}`, 200);
  await call("/api/v1/files/{reference}", "get", `/api/v1/files/${ref}?birth_date=2000-01-01`, 404);
  const rules = await call("/api/v1/rules/{school_year}", "get", "/api/v1/rules/2026-2027", 200);
  await call("/api/v1/rules/{school_year}", "get", "/api/v1/rules/2026-2027", { headers: { "If-None-Match": rules.headers.get("etag") } }, 304);
  await call("/api/v1/rules/{school_year}", "get", "/api/v1/rules/2040-2041", 404);
  await call("/api/v1/rules/{school_year}", "get", "/api/v1/rules/current", 200);
  await call("/api/v1/schoolmap", "get", "/api/v1/schoolmap", 200);
  const provinces = await call("/api/v1/provinces", "get", "/api/v1/provinces", 200);
  check("the list of provinces has no communes", provinces.body.communes.length === 0 && provinces.body.provinces.length > 0);
  await call("/api/v1/provinces", "get", "/api/v1/provinces", { headers: { "If-None-Match": provinces.headers.get("etag") } }, 304);
  const province = await call("/api/v1/schoolmap/{province}", "get", "/api/v1/schoolmap/01.227", 200);
  check("a province's map holds only its communes", province.body.communes.every((c) => c.province === "01.227"));
  await call("/api/v1/schoolmap/{province}", "get", "/api/v1/schoolmap/01.227", { headers: { "If-None-Match": province.headers.get("etag") } }, 304);
  await call("/api/v1/schoolmap/{province}", "get", "/api/v1/schoolmap/09.999", 404);
  await call("/api/v1/staff/sessions", "post", "/api/v1/staff/sessions", { headers: json, body: JSON.stringify({ username: "martil", password: "wrong" }) }, 401);
  await call("/api/v1/staff/sessions", "post", "/api/v1/staff/sessions", { headers: json, body: "[]" }, 400);
  const session = await call("/api/v1/staff/sessions", "post", "/api/v1/staff/sessions", { headers: json, body: JSON.stringify({ username: "martil", password: "a long enough password" }) }, 201);
  const auth = { Authorization: `Bearer ${session.body.token}`, ...json };
  // The device token of that log-in makes the next one a known device's.
  const again = await call("/api/v1/staff/sessions", "post", "/api/v1/staff/sessions", { headers: { ...json, "X-Tasjil-Device": session.body.device }, body: JSON.stringify({ username: "martil", password: "a long enough password" }) }, 201);
  check("a known device keeps its token", again.body.device === session.body.device);
  const open = await call("/api/v1/staff/sessions", "get", "/api/v1/staff/sessions", { headers: auth }, 200);
  check("both sessions are listed, this one current", open.body.sessions.length === 2 && open.body.sessions.filter((s) => s.current).length === 1);
  const second = open.body.sessions.find((s) => !s.current);
  await call("/api/v1/staff/sessions/{id}", "delete", `/api/v1/staff/sessions/${second.id}`, { headers: auth }, 200);
  await call("/api/v1/staff/sessions/{id}", "delete", `/api/v1/staff/sessions/${second.id}`, { headers: auth }, 404);
  await call("/api/v1/staff/sessions/{id}", "delete", `/api/v1/staff/sessions/${second.id}`, {}, 401);
  const page = await call("/api/v1/staff/files", "get", "/api/v1/staff/files?status=pending_review", { headers: auth }, 200);
  check("the school's list holds the file", page.body.files.length === 1);
  await call("/api/v1/staff/files", "get", "/api/v1/staff/files?sort=child_name_latin&limit=1&q=x", { headers: auth }, 200);
  await call("/api/v1/staff/files", "get", "/api/v1/staff/files?school=57301A", { headers: auth }, 404);
  await call("/api/v1/staff/me", "get", "/api/v1/staff/me", { headers: auth }, 200);
  await call("/api/v1/staff/me", "get", "/api/v1/staff/me", 401);
  await call("/api/v1/staff/files/{reference}", "get", `/api/v1/staff/files/${ref}`, { headers: auth }, 200);
  await call("/api/v1/staff/files/{reference}", "get", "/api/v1/staff/files/22222-22222", { headers: auth }, 404);
  const csv = await fetch(base + "/api/v1/staff/export.csv", { headers: auth });
  check("GET /api/v1/staff/export.csv → 200 text/csv", csv.status === 200 && csv.headers.get("content-type").startsWith("text/csv"));
  await call("/api/v1/staff/export.csv", "get", "/api/v1/staff/export.csv?order=up", { headers: auth }, 400);
  await call("/api/v1/staff/files/{reference}/decision", "post", `/api/v1/staff/files/${ref}/decision`, { headers: auth, body: JSON.stringify({ decision: "approve", preview: true }) }, 200);
  await call("/api/v1/staff/files/{reference}/move", "post", `/api/v1/staff/files/${ref}/move`, { headers: auth, body: JSON.stringify({ school_code: "57301A" }) }, 403);
  await call("/api/v1/staff/files/{reference}/move", "post", `/api/v1/staff/files/${ref}/move`, { headers: auth, body: "[]" }, 403);
  await call("/api/v1/staff/files", "get", "/api/v1/staff/files?status=pending_review", 401);
  await call("/api/v1/staff/files", "get", "/api/v1/staff/files?status=lost", { headers: auth }, 400);
  const decision = `/api/v1/staff/files/${ref}/decision`;
  await call("/api/v1/staff/files/{reference}/decision", "post", decision, { headers: auth, body: JSON.stringify({ decision: "reject" }) }, 422);
  await call("/api/v1/staff/files/{reference}/decision", "post", decision, { headers: auth, body: JSON.stringify({ decision: "reject", reason_code: "age.below_legal_age" }) }, 200);
  await call("/api/v1/staff/files/{reference}/decision", "post", decision, { headers: auth, body: JSON.stringify({ decision: "approve" }) }, 409);
  await call("/api/v1/staff/files/{reference}/decision", "post", "/api/v1/staff/files/22222-22222/decision", { headers: auth, body: JSON.stringify({ decision: "approve" }) }, 404);
  await call("/api/v1/staff/files/{reference}/decision", "post", decision, { headers: json, body: "{}" }, 401);
  await call("/api/v1/staff/files/{reference}/decision", "post", decision, { headers: auth, body: JSON.stringify({ decision: "approve", change: true, note: "x" }) }, 403);
  await call("/api/v1/staff/decisions", "post", "/api/v1/staff/decisions", { headers: auth, body: JSON.stringify({ decision: "approve", references: [ref, "22222-22222"] }) }, 200);
  await call("/api/v1/staff/decisions", "post", "/api/v1/staff/decisions", { headers: auth, body: JSON.stringify({ decision: "approve", references: Array(501).fill(ref) }) }, 413);
  await call("/api/v1/staff/decisions", "post", "/api/v1/staff/decisions", { headers: auth, body: "{}" }, 400);
  // The parent's rights, served by the directorate.
  const directorate = await call("/api/v1/staff/sessions", "post", "/api/v1/staff/sessions", { headers: json, body: JSON.stringify({ username: "mdiq", password: "a long province password" }) }, 201);
  const officer = { Authorization: `Bearer ${directorate.body.token}`, ...json };
  const exported = await call("/api/v1/staff/files/{reference}/export", "get", `/api/v1/staff/files/${ref}/export`, { headers: officer }, 200);
  check("the export is an attachment named after the file", exported.headers.get("content-disposition") === `attachment; filename="tasjil-${ref}.json"`);
  await call("/api/v1/staff/files/{reference}/export", "get", `/api/v1/staff/files/${ref}/export`, { headers: auth }, 403);
  await call("/api/v1/staff/files/{reference}/export", "get", "/api/v1/staff/files/22222-22222/export", { headers: officer }, 404);
  await call("/api/v1/staff/files/{reference}/export", "get", `/api/v1/staff/files/${ref}/export`, 401);
  const rectification = `/api/v1/staff/files/${ref}/rectification`;
  const change = (pointer, value) => JSON.stringify({ changes: [{ pointer, value }], note: "demande de la mère" });
  await call("/api/v1/staff/files/{reference}/rectification", "post", rectification, { headers: officer, body: change("/child/given_name_latin", "Yassmine") }, 200);
  await call("/api/v1/staff/files/{reference}/rectification", "post", rectification, { headers: officer, body: change("/child/given_name_latin", "Yassmine") }, 422);
  await call("/api/v1/staff/files/{reference}/rectification", "post", rectification, { headers: officer, body: change("/school_choice/school_code", "57303A") }, 422);
  await call("/api/v1/staff/files/{reference}/rectification", "post", rectification, { headers: officer, body: "[]" }, 400);
  await call("/api/v1/staff/files/{reference}/rectification", "post", rectification, { headers: auth, body: change("/child/sex", "M") }, 403);
  await call("/api/v1/staff/files/{reference}/rectification", "post", "/api/v1/staff/files/22222-22222/rectification", { headers: officer, body: change("/child/sex", "M") }, 404);
  await call("/api/v1/staff/files/{reference}/rectification", "post", rectification, { headers: officer, body: JSON.stringify({ changes: Array(101).fill({ pointer: "/child/sex", value: "M" }), note: "x" }) }, 413);
  await call("/api/v1/staff/files/{reference}/rectification", "post", rectification, { headers: { ...officer, "Content-Type": "text/plain" }, body: "{}" }, 415);
  await call("/api/v1/staff/files/{reference}/rectification", "post", rectification, { headers: json, body: "{}" }, 401);
  // Accounts: the directorate makes, lists, disables, enables and resets its schools'.
  const accounts = "/api/v1/staff/accounts";
  await call(accounts, "get", accounts, { headers: officer }, 200);
  await call(accounts, "get", accounts, { headers: auth }, 403);
  await call(accounts, "get", accounts, 401);
  const made = await call(accounts, "post", accounts, { headers: officer, body: JSON.stringify({ username: "57303a", display_name: "Oqba Ibn Nafii", schools: ["57303A"] }) }, 201);
  await call(accounts, "post", accounts, { headers: officer, body: JSON.stringify({ username: "57303a", display_name: "Oqba Ibn Nafii", schools: ["57303A"] }) }, 409);
  await call(accounts, "post", accounts, { headers: officer, body: JSON.stringify({ username: "far", display_name: "Ksar Sghir", schools: ["22706A"] }) }, 422);
  await call(accounts, "post", accounts, { headers: officer, body: "[" }, 400);
  await call(accounts, "post", accounts, { headers: { ...officer, "Content-Type": "text/plain" }, body: "{}" }, 415);
  await call(accounts, "post", accounts, { headers: auth, body: "{}" }, 403);
  await call(accounts, "post", accounts, { headers: json, body: "{}" }, 401);
  const csvType = { Authorization: officer.Authorization, "Content-Type": "text/csv" };
  await call(`${accounts}/import`, "post", `${accounts}/import`, { headers: csvType, body: "massar_code,name\n57301A,Ibn Battouta\n57301B,Zerktouni\n" }, 201);
  await call(`${accounts}/import`, "post", `${accounts}/import`, { headers: csvType, body: "massar_code,name\n57301A,Again\n" }, 422);
  await call(`${accounts}/import`, "post", `${accounts}/import`, { headers: officer, body: "massar_code,name\n" }, 415);
  await call(`${accounts}/import`, "post", `${accounts}/import`, { headers: { ...csvType, Authorization: auth.Authorization }, body: "massar_code,name\n" }, 403);
  await call(`${accounts}/import`, "post", `${accounts}/import`, { headers: { "Content-Type": "text/csv" }, body: "" }, 401);
  const one = `${accounts}/{username}`;
  await call(one, "get", `${accounts}/57301a`, { headers: officer }, 200);
  await call(one, "get", `${accounts}/mdiq`, { headers: officer }, 404);
  await call(one, "get", `${accounts}/57301a`, { headers: auth }, 403);
  await call(one, "get", `${accounts}/57301a`, 401);
  await call(`${one}/disable`, "post", `${accounts}/57301a/disable`, { headers: officer }, 200);
  await call(`${one}/disable`, "post", `${accounts}/57301a/disable`, { headers: officer }, 409);
  await call(`${one}/disable`, "post", `${accounts}/mdiq/disable`, { headers: officer }, 404);
  await call(`${one}/disable`, "post", `${accounts}/57301a/disable`, { headers: auth }, 403);
  await call(`${one}/disable`, "post", `${accounts}/57301a/disable`, 401);
  await call(`${one}/enable`, "post", `${accounts}/57301a/enable`, { headers: officer }, 200);
  await call(`${one}/enable`, "post", `${accounts}/57301a/enable`, { headers: officer }, 409);
  await call(`${one}/enable`, "post", `${accounts}/nobody/enable`, { headers: officer }, 404);
  await call(`${one}/enable`, "post", `${accounts}/57301a/enable`, 401);
  await call(`${one}/reset`, "post", `${accounts}/57301b/reset`, { headers: officer }, 200);
  await call(`${one}/reset`, "post", `${accounts}/nobody/reset`, { headers: officer }, 404);
  await call(`${one}/reset`, "post", `${accounts}/57301b/reset`, 401);
  // The director opens the code, sets a password and the app, and logs in with both.
  const code = made.body.activation.code;
  const start = "/api/v1/staff/activation/start";
  const opened = await call(start, "post", start, { headers: json, body: JSON.stringify({ code }) }, 200);
  await call(start, "post", start, { headers: json, body: JSON.stringify({ code: "0000-0000-0000-0000" }) }, 404);
  await call(start, "post", start, { headers: json, body: "{}" }, 400);
  const activation = "/api/v1/staff/activation";
  const secret = opened.body.totp_secret;
  await call(activation, "post", activation, { headers: json, body: JSON.stringify({ code, password: "123456789012", totp_code: totp(secret) }) }, 422);
  await call(activation, "post", activation, { headers: json, body: JSON.stringify({ code: "0000-0000-0000-0000", password: "x" }) }, 404);
  await call(activation, "post", activation, { headers: json, body: "[]" }, 400);
  const activated = await call(activation, "post", activation, { headers: json, body: JSON.stringify({ code, password: "olive trees by the sea", totp_code: totp(secret) }) }, 201);
  check("the activation gives ten recovery codes", activated.body.recovery_codes.length === 10);
  await call("/api/v1/staff/sessions", "post", "/api/v1/staff/sessions", { headers: json, body: JSON.stringify({ username: "57303a", password: "olive trees by the sea" }) }, 401);
  const recovered = await call("/api/v1/staff/sessions", "post", "/api/v1/staff/sessions", { headers: json, body: JSON.stringify({ username: "57303a", password: "olive trees by the sea", code: activated.body.recovery_codes[0] }) }, 201);
  check("a recovery code says how many are left", recovered.body.recovery_codes_left === 9);
  // The reset's code is never opened, so its confirmation has no key.
  const resetCode = (await (await fetch(base + `${accounts}/57301a/reset`, { method: "POST", headers: officer })).json()).activation.code;
  await call(activation, "post", activation, { headers: json, body: JSON.stringify({ code: resetCode, password: "olive trees by the sea", totp_code: "123456" }) }, 409);
  await call("/api/v1/sms/dlr", "get", "/api/v1/sms/dlr?id=unknown&status=1", 403);
  await call("/healthz", "get", "/healthz", 200);
  await call("/readyz", "get", "/readyz", 200);
  const publicMetrics = await fetch(base + "/metrics");
  check("metrics are not served on the public address", publicMetrics.status === 404);
  const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  check("GET /metrics on the private address → 200", metrics.status === 200 &&
    (await metrics.text()).includes("tasjil_http_requests_total"));
  await call("/api/v1/staff/sessions", "delete", "/api/v1/staff/sessions", { headers: auth }, 204);
  await call("/api/v1/staff/sessions", "delete", "/api/v1/staff/sessions", { headers: auth }, 401);
} catch (error) {
  failed++;
  console.log(`FAIL ${error.stack ?? error}`);
  if (serverLog) console.log(`server log:\n${serverLog}`);
} finally {
  if (!exited) {
    proc.kill("SIGTERM");
    await new Promise((r) => proc.on("exit", r));
  }
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
