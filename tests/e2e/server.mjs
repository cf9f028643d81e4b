// The real product for the browser tests: tasjil-server on SQLite in a fresh data folder,
// serving the built app, sending its e-mails to a real SMTP server (Debian's aiosmtpd writing
// a Maildir). Nothing is mocked: the app talks to the server as in production.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sourceDir, appDir } from "./browser.mjs";

const serverBin = process.env.TASJIL_SERVER ||
  join(sourceDir, "build", "native-debug", "src", "server", "tasjil-server");

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", () => r(undefined)));
  const { port } = /** @type {import("node:net").AddressInfo} */ (s.address());
  await new Promise((r) => s.close(r));
  return port;
}

async function waitForPort(port, seconds = 10) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const ok = await new Promise((resolve) => {
      const c = connect(port, "127.0.0.1", () => { c.end(); resolve(true); });
      c.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

/**
 * Starts aiosmtpd and tasjil-server. `schoolYear` fixes the year the server opens (the tests set
 * the browser's clock to that year's registration window); `webDir` the app folder it serves.
 * The server keeps its port across kill() and restart(), as a real one does, so that pages
 * opened before find it again. `args` are more of the server's flags (--today for the May review).
 */
export async function startProduct({ schoolYear = "2026-2027", webDir = appDir, args: extra = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "tasjil-e2e-"));
  const smtpPort = await freePort();
  const port = await freePort();
  const maildir = join(dir, "Maildir");
  const smtp = spawn("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${smtpPort}`,
    "-c", "aiosmtpd.handlers.Mailbox", maildir], { stdio: "ignore" });
  await waitForPort(smtpPort);
  const args = ["--listen", `127.0.0.1:${port}`, "--data", join(dir, "data"), "--web", webDir,
    "--assets", join(sourceDir, "assets"), "--school-year", schoolYear,
    "--smtp-url", `smtp://127.0.0.1:${smtpPort}`, "--rate-submit", "0", "--rate-status", "0", ...extra];
  let server = null;
  let log = "";
  const run = () => new Promise((resolve, reject) => {
    const from = log.length;
    server = spawn(serverBin, args, { stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => reject(new Error("tasjil-server did not start:\n" + log)), 20000);
    const onData = (chunk) => {
      log += chunk;
      const m = /serving (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log.slice(from));
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    server.stdout.on("data", onData);
    server.stderr.on("data", onData);
    server.once("exit", (code) => { clearTimeout(timer); reject(new Error(`tasjil-server exited (${code}):\n${log}`)); });
  });
  const url = await run();
  // A killed process has a signal, not an exit code.
  const running = () => server && server.exitCode === null && server.signalCode === null;
  return {
    url,
    dir,
    get log() { return log; },
    /** The e-mails aiosmtpd received: [{subject, from, to, body, ...}]. */
    messages() {
      try {
        return JSON.parse(execFileSync("/usr/bin/python3",
          [join(sourceDir, "tests", "server", "read_maildir.py"), maildir]).toString());
      } catch { return []; }
    },
    /** Rows of the server's SQLite database for `sql`, read-only, beside the running server. */
    query(sql) {
      const out = execFileSync("/usr/bin/python3", ["-c",
        "import sqlite3,sys,json; c=sqlite3.connect('file:'+sys.argv[1]+'?mode=ro', uri=True); " +
        "print(json.dumps(c.execute(sys.argv[2]).fetchall()))", join(dir, "data", "tasjil.db"), sql]);
      return JSON.parse(out.toString());
    },
    /** How many files the server has stored. */
    storedFiles() {
      return this.query("select count(*) from files")[0][0];
    },
    /** A staff account, made with the server's own admin command beside the running server. */
    createStaff(username, password, role, scope) {
      execFileSync(serverBin, ["admin", "create-staff", "--username", username, "--role", role,
        "--scope", scope, "--password-stdin", "--data", join(dir, "data")], { input: password + "\n" });
    },
    /** Kills the server at once (SIGKILL: no clean shutdown), keeping its data. */
    async kill() {
      if (!running()) return;
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGKILL");
      await exited;
    },
    /** Starts the server again on the same port and data. */
    async restart() {
      log += "\ntasjil-server restarting\n";
      await run();
    },
    /** Starts the server again if a test stopped it (so that a failed test leaves it running). */
    async ensureRunning() {
      if (!running()) await this.restart();
    },
    async stop() {
      if (running()) {
        const exited = new Promise((r) => server.once("exit", r));
        server.kill("SIGTERM");
        await exited;
      }
      smtp.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
