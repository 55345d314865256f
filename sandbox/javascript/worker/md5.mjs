/**
 * A pure-JavaScript stand-in for the npm package `js-md5`, which one HumanEval-X task
 * (JavaScript/162) loads with `require('js-md5')`. The isolate has no module loader, so the
 * prelude exposes this as the only module `require` knows.
 *
 * This function is injected into the isolate as source text (Function.prototype.toString),
 * so it must not refer to anything outside its own body.
 */
export function createMd5() {
  'use strict';
  const K = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1,
    0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453,
    0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942,
    0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
    0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d,
    0x85845dd1, 0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
  ];
  const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

  /** Bytes of a message: strings as UTF-8 (as js-md5 does), arrays and buffers as bytes. */
  function toBytes(message) {
    if (typeof message === 'string') {
      const out = [];
      for (let i = 0; i < message.length; i++) {
        let c = message.charCodeAt(i);
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < message.length) {
          const d = message.charCodeAt(i + 1);
          if (d >= 0xdc00 && d < 0xe000) {
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            i++;
          }
        }
        if (c < 0x80) out.push(c);
        else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
        else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
      return out;
    }
    if (message instanceof ArrayBuffer) return Array.from(new Uint8Array(message));
    if (ArrayBuffer.isView(message)) return Array.from(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
    if (Array.isArray(message)) return message.map((b) => b & 255);
    throw new TypeError('input is invalid type');
  }

  /** The 16 digest bytes of `bytes` (RFC 1321). */
  function digest(bytes) {
    const n = bytes.length;
    const total = (((n + 8) >> 6) + 1) * 64;
    const buf = new Uint8Array(total);
    buf.set(bytes);
    buf[n] = 0x80;
    const bits = n * 8;
    for (let i = 0; i < 8; i++) buf[total - 8 + i] = Math.floor(bits / 2 ** (8 * i)) & 255;
    let a0 = 0x67452301,
      b0 = 0xefcdab89 | 0,
      c0 = 0x98badcfe | 0,
      d0 = 0x10325476;
    const M = new Int32Array(16);
    for (let off = 0; off < total; off += 64) {
      for (let j = 0; j < 16; j++) {
        const p = off + 4 * j;
        M[j] = buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24);
      }
      let A = a0,
        B = b0,
        C = c0,
        D = d0;
      for (let i = 0; i < 64; i++) {
        let F, g;
        if (i < 16) {
          F = (B & C) | (~B & D);
          g = i;
        } else if (i < 32) {
          F = (D & B) | (~D & C);
          g = (5 * i + 1) & 15;
        } else if (i < 48) {
          F = B ^ C ^ D;
          g = (3 * i + 5) & 15;
        } else {
          F = C ^ (B | ~D);
          g = (7 * i) & 15;
        }
        const s = S[(i >> 4) * 4 + (i & 3)];
        const x = (A + F + K[i] + M[g]) | 0;
        A = D;
        D = C;
        C = B;
        B = (B + ((x << s) | (x >>> (32 - s)))) | 0;
      }
      a0 = (a0 + A) | 0;
      b0 = (b0 + B) | 0;
      c0 = (c0 + C) | 0;
      d0 = (d0 + D) | 0;
    }
    const out = [];
    for (const w of [a0, b0, c0, d0]) for (let i = 0; i < 4; i++) out.push((w >>> (8 * i)) & 255);
    return out;
  }

  const hex = (bytes) => bytes.map((b) => (b < 16 ? '0' : '') + b.toString(16)).join('');
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function base64(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 3) {
      const v = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      s += B64[v >> 18] + B64[(v >> 12) & 63];
      s += i + 1 < bytes.length ? B64[(v >> 6) & 63] : '=';
      s += i + 2 < bytes.length ? B64[v & 63] : '=';
    }
    return s;
  }

  /** An incremental hasher, like js-md5's `md5.create()`. */
  function create() {
    let pending = [];
    const result = () => digest(pending);
    const hasher = {
      update(message) {
        pending = pending.concat(toBytes(message));
        return hasher;
      },
      hex: () => hex(result()),
      toString: () => hex(result()),
      array: () => result(),
      digest: () => result(),
      arrayBuffer: () => new Uint8Array(result()).buffer,
      base64: () => base64(result()),
    };
    return hasher;
  }

  const md5 = (message) => hex(digest(toBytes(message)));
  md5.hex = md5;
  md5.array = (message) => digest(toBytes(message));
  md5.digest = md5.array;
  md5.arrayBuffer = (message) => new Uint8Array(digest(toBytes(message))).buffer;
  md5.base64 = (message) => base64(digest(toBytes(message)));
  md5.create = create;
  md5.update = (message) => create().update(message);
  return md5;
}
