// What a staff member's authenticator app shows (RFC 6238: HMAC-SHA-1, 30-second steps, six
// digits), for tests that log in with a second factor as a phone would.
import { createHmac } from "node:crypto";

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * The bytes of a base32 key (RFC 4648, padding optional).
 * @param {string} secret
 * @returns {Buffer}
 */
export function base32Decode(secret) {
  const bytes = [];
  let bits = 0;
  let value = 0;
  for (const ch of secret.replace(/=+$/, "").toUpperCase()) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/**
 * The six-digit code for `secret` at `seconds` (Unix time; now by default).
 * @param {string} secret base32
 * @param {number} [seconds]
 * @returns {string}
 */
export function totp(secret, seconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(number).padStart(6, "0");
}

/**
 * Waits for the next 30-second step, so that a second log-in has a code not used yet.
 * @returns {Promise<void>}
 */
export async function nextStep() {
  const ms = 30_000 - (Date.now() % 30_000) + 200;
  await new Promise((resolve) => setTimeout(resolve, ms));
}
