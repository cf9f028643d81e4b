// The outbox's and the kiosk's rules that do not need a browser: how long a file waits before
// its next try, which answers end the tries, the idle period of a kiosk.
import { test } from "node:test";
import assert from "node:assert/strict";
import { retryDelay, isFinalRefusal, retryAfterMs } from "../../web/outbox.mjs";
import { idleSeconds } from "../../web/kiosk.mjs";

test("the wait before a retry doubles from 2 s and stops growing at 10 minutes", () => {
  const top = () => 1;  // the longest the jitter allows
  assert.deepEqual([1, 2, 3, 4, 5].map((n) => retryDelay(n, top)), [2000, 4000, 8000, 16000, 32000]);
  assert.equal(retryDelay(30, top), 600000);
  assert.equal(retryDelay(1000, top), 600000);
});

test("jitter keeps a retry between half and all of its wait, so devices do not knock together", () => {
  assert.equal(retryDelay(3, () => 0), 4000);
  assert.equal(retryDelay(3, () => 0.5), 6000);
  for (let i = 0; i < 1000; ++i) {
    const d = retryDelay(4);
    assert.ok(d >= 8000 && d <= 16000, `${d}`);
  }
});

test("a refusal of the file itself ends the tries; a timeout, a busy or failing server do not", () => {
  for (const s of [400, 401, 403, 404, 409, 413, 415, 422]) assert.ok(isFinalRefusal(s), `${s}`);
  for (const s of [0, 200, 201, 408, 429, 500, 502, 503, 504]) assert.ok(!isFinalRefusal(s), `${s}`);
});

test("Retry-After in seconds is honoured up to an hour; anything else is ignored", () => {
  assert.equal(retryAfterMs("30"), 30000);
  assert.equal(retryAfterMs("99999"), 3600000);
  for (const h of [null, "", "soon", "-5", "0", "Wed, 21 Oct 2026 07:28:00 GMT"]) assert.equal(retryAfterMs(h), 0, String(h));
});

test("a kiosk's idle period comes from the address, 120 s unless a sane number is given", () => {
  assert.equal(idleSeconds(""), 120);
  assert.equal(idleSeconds("?mode=kiosk&idle=45"), 45);
  assert.equal(idleSeconds("?mode=kiosk&idle=3"), 120);
  assert.equal(idleSeconds("?mode=kiosk&idle=abc"), 120);
  assert.equal(idleSeconds("?mode=kiosk&idle=100000"), 3600);
});
