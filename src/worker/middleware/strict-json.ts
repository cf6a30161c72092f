/**
 * Strict JSON request bodies, checked before any model work: the media type, the size, UTF-8,
 * syntax, nesting depth, duplicate keys, lone surrogates and NUL in strings, and an object at the
 * top. Any POST route puts `strictJson` in front of its zod validator; the parsed value is cached
 * on the request, so the validator does not parse the body a second time.
 */
import type { MiddlewareHandler } from "hono";
import { errorResponse, type ErrorCode, type ErrorDetail } from "../errors.js";
import { MAX_JSON_DEPTH, MAX_JSON_KEYS, MAX_JSON_VALUES, MAX_NON_ASCII_LENGTH } from "../limits.js";

export interface JsonProblem {
  code: ErrorCode;
  message: string;
  details?: ErrorDetail[];
}

const QUOTE = 0x22, BACKSLASH = 0x5c, U = 0x75, COLON = 0x3a, COMMA = 0x2c;
const SPACE = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d;
const OPEN_OBJECT = 0x7b, CLOSE_OBJECT = 0x7d, OPEN_ARRAY = 0x5b, CLOSE_ARRAY = 0x5d;

/** A surrogate, which a text with a lone one has a string look at (code units, no `u` flag). */
const SURROGATE = /[\ud800-\udfff]/g;

/**
 * Where the next `unit` (one character) of the text is from `i` on, or the text's length: found
 * natively (indexOf), and remembered until `i` passes it, so that a body is searched once for it
 * however many strings it holds.
 */
function nextOf(text: string, unit: string): (i: number) => number {
  let at = -1;
  return (i) => {
    if (at < i) {
      at = text.indexOf(unit, i);
      if (at < 0) at = text.length;
    }
    return at;
  };
}

/** nextOf for surrogates: none is looked for in a text without a lone one, as a body decoded from UTF-8 is. */
function nextSurrogate(text: string): (i: number) => number {
  if (text.isWellFormed()) return () => text.length;
  let at = -1;
  return (i) => {
    if (at < i) {
      SURROGATE.lastIndex = i;
      at = SURROGATE.exec(text)?.index ?? text.length;
    }
    return at;
  };
}

const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;
const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;

/** The code unit of a `\uXXXX` escape whose hex digits start at `at`, or -1. */
function hex4(text: string, at: number): number {
  let u = 0;
  for (let k = at; k < at + 4; k++) {
    const c = text.charCodeAt(k);
    const lower = c | 0x20;
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
    if (d < 0) return -1;
    u = u * 16 + d;
  }
  return u;
}

/** The code unit a string position stands for: an escape's, or the raw unit. */
function unitAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c === BACKSLASH && text.charCodeAt(i + 1) === U ? hex4(text, i + 2) : c;
}

/** The width of a `\uXXXX` escape. */
const UNIT_ESCAPE = 6;

/** How many code units the escape or raw unit at a string position spans. */
function widthAt(text: string, i: number): number {
  return text.charCodeAt(i) !== BACKSLASH ? 1 : text.charCodeAt(i + 1) === U ? UNIT_ESCAPE : 2;
}

/** What scanJson finds in JSON text. */
export interface JsonScan {
  problem?: JsonProblem;
  /** How many escapes in its strings stand for a code unit outside ASCII (`\u0080` on); 0 once a limit refused the text. */
  nonAsciiEscapes: number;
}

/** A limit's refusal, made at once: the rest of the text is not read. */
const refused = (problem: JsonProblem): JsonScan => ({ problem, nonAsciiEscapes: 0 });

/**
 * One linear pass over JSON text that finds what JSON.parse lets through silently: nesting deeper
 * than `maxDepth`, objects with more than `maxKeys` keys and more than `maxValues` array items and
 * object members in all (reported at once, before parsing, so that JSON.parse never sees them),
 * duplicate keys (JSON.parse keeps the last),
 * lone surrogates (as escapes or raw) and escaped NUL (a raw NUL, like any raw control character,
 * is a syntax error to JSON.parse). Syntax is left to JSON.parse; on malformed text the findings
 * other than depth are meaningless and the caller reports the syntax error instead. It also counts
 * the escapes of units outside ASCII, for the bound on the body's units outside ASCII.
 */
export function scanJson(text: string, maxDepth = MAX_JSON_DEPTH, maxKeys = MAX_JSON_KEYS, maxValues = MAX_JSON_VALUES): JsonScan {
  const containers: (Set<string> | null)[] = []; // keys seen per open object; null for arrays
  let expectKey = false;
  let found: JsonProblem | undefined;
  let values = 0;
  let nonAsciiEscapes = 0;
  let arrayOpened = false; // the next value, unless a ], is an array's first item
  const tooManyValues: JsonProblem = { code: "too_many_values", message: `the body holds more than ${maxValues} array items and object members` };
  // What a string's characters need a look for: its closing quote, escapes and lone surrogates. All others are skipped.
  const [quote, backslash, surrogate] = [nextOf(text, '"'), nextOf(text, "\\"), nextSurrogate(text)];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (arrayOpened && c !== SPACE && c !== TAB && c !== LF && c !== CR) {
      arrayOpened = false;
      if (c !== CLOSE_ARRAY && ++values > maxValues) return refused(tooManyValues);
    }
    if (c === QUOTE) {
      const start = i++;
      let escaped = false;
      while (i < text.length) {
        if (text.charCodeAt(i) !== BACKSLASH) {
          i = Math.min(quote(i), backslash(i), surrogate(i));
          if (i === text.length || text.charCodeAt(i) === QUOTE) break;
        }
        const unit = unitAt(text, i);
        const width = widthAt(text, i);
        escaped ||= width > 1;
        if (width === UNIT_ESCAPE && unit >= 0x80) nonAsciiEscapes++;
        if (unit === 0) found ??= { code: "nul_character", message: `a string contains NUL (U+0000) at character ${i}` };
        if (isHigh(unit)) {
          if (isLow(unitAt(text, i + width))) {
            const lowWidth = widthAt(text, i + width);
            if (lowWidth === UNIT_ESCAPE) nonAsciiEscapes++;
            i += lowWidth;
          } else found ??= loneSurrogate(i);
        } else if (isLow(unit)) found ??= loneSurrogate(i);
        i += width;
      }
      const keys = containers.at(-1);
      if (expectKey && keys) {
        const key = escaped ? decodeString(text.slice(start, i + 1)) : text.slice(start + 1, i);
        if (key !== undefined && keys.has(key)) found ??= { code: "duplicate_key", message: `duplicate key ${JSON.stringify(key.slice(0, 64))}` };
        else if (key !== undefined) keys.add(key);
        if (keys.size > maxKeys) return refused({ code: "too_many_keys", message: `a JSON object has more than ${maxKeys} keys` });
        if (++values > maxValues) return refused(tooManyValues);
        expectKey = false;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (containers.length === maxDepth) {
        return refused({ code: "json_too_deep", message: `JSON nesting is deeper than ${maxDepth} levels` });
      }
      containers.push(c === OPEN_OBJECT ? new Set() : null);
      expectKey = c === OPEN_OBJECT;
      arrayOpened = c === OPEN_ARRAY;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      containers.pop();
      expectKey = false;
    } else if (c === COMMA) {
      expectKey = !!containers.at(-1);
      if (containers.at(-1) === null && ++values > maxValues) return refused(tooManyValues);
    } else if (c === COLON) {
      expectKey = false;
    }
  }
  return { problem: found, nonAsciiEscapes };
}

function loneSurrogate(at: number): JsonProblem {
  return { code: "lone_surrogate", message: `a string contains a lone surrogate at character ${at}` };
}

function decodeString(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined; // malformed: JSON.parse of the whole body reports it
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * How many sequences of three bytes UTF-8 `bytes` hold (lead bytes 0xE0 to 0xEF), read four bytes
 * at a time: a word with no byte past ASCII is skipped, and in the others the lead bytes are
 * counted without a branch. The count of the texts' units that it spares took 8 % of the CPU of
 * the test set's fullest batch of 64 pairs, the scan takes a fourth of that (BENCHMARKS.md, item 49).
 */
export function threeByteSequences(bytes: Uint8Array): number {
  const head = Math.min(bytes.length, -bytes.byteOffset & 3); // the bytes before the first whole word
  const words = bytes.length - head >= 4 ? new Int32Array(bytes.buffer, bytes.byteOffset + head, (bytes.length - head) >> 2) : new Int32Array(0);
  let count = 0;
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    if ((word & 0x80808080) === 0) continue;
    const x = (word & 0xf0f0f0f0) ^ 0xe0e0e0e0; // a zero byte for each lead byte
    const nonZero = (((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080;
    count += Math.imul((~nonZero & 0x80808080) >>> 7, 0x01010101) >>> 24;
  }
  const lead = (b: number) => ((b & 0xf0) === 0xe0 ? 1 : 0);
  for (let i = 0; i < head; i++) count += lead(bytes[i]!);
  for (let i = head + 4 * words.length; i < bytes.length; i++) count += lead(bytes[i]!);
  return count;
}

/**
 * Parses a request body strictly: the value, with a bound on the code units outside ASCII its
 * strings hold, or the problem to answer with. Such a unit takes a byte more in UTF-8 than in the
 * decoded text (two bytes for one unit, four for two), or two more (three bytes for one), unless it
 * is escaped: so the body's bytes beyond its decoded length, and the escapes of such units, bound
 * them. Past the limit on them, the sequences of three bytes are counted too, and the bound is
 * their number (a BOM, which decoding drops, counts two): requests near the limit (batches of
 * real pairs, whose quotes and dashes take three bytes) need not count their texts' units.
 */
function parseStrictJson(bytes: Uint8Array): { value: Record<string, unknown>; nonAsciiBound: number } | { problem: JsonProblem } {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { problem: { code: "malformed_json", message: "request body is not valid UTF-8" } };
  }
  const { problem, nonAsciiEscapes } = scanJson(text);
  if (problem?.code === "json_too_deep" || problem?.code === "too_many_keys" || problem?.code === "too_many_values") return { problem };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: { code: "malformed_json", message: `request body is not valid JSON: ${(error as Error).message}` } };
  }
  if (problem) return { problem };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
    const message = `request body must be a JSON object, not ${kind}`;
    return { problem: { code: "invalid_request", message, details: [{ path: "", message }] } };
  }
  const bound = bytes.byteLength - text.length + nonAsciiEscapes;
  const nonAsciiBound = bound > MAX_NON_ASCII_LENGTH ? bound - threeByteSequences(bytes) : bound;
  return { value: value as Record<string, unknown>, nonAsciiBound };
}

export interface StrictJsonOptions {
  /** The largest body accepted, in bytes. */
  maxBytes: number;
}

/** How much a streamed body is read at a time, at least, whatever the sizes of the chunks it arrives in. */
const READ_SIZE = 64 * 1024;

/**
 * The bytes of a body without a Content-Length, or undefined once more than `maxBytes` arrive.
 * Read at least READ_SIZE bytes at a time (workerd's readAtLeast on a byte stream), not chunk by
 * chunk: a body sent in chunks of one byte took seconds of CPU read that way (Hono's bodyLimit).
 * A stream of JavaScript chunks (a Request made in code), or one outside workerd (Node, which runs
 * the app in some tests), is read chunk by chunk.
 */
async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | undefined> {
  let reader: ReadableStreamBYOBReader;
  try {
    reader = body.getReader({ mode: "byob" });
  } catch {
    return readChunks(body, maxBytes);
  }
  if (typeof reader.readAtLeast !== "function") {
    reader.releaseLock();
    return readChunks(body, maxBytes);
  }
  let bytes = new Uint8Array(Math.min(READ_SIZE, maxBytes + 1));
  let size = 0;
  for (;;) {
    if (size === bytes.length) {
      if (size > maxBytes) break;
      const grown = new Uint8Array(Math.min(2 * size, maxBytes + 1));
      grown.set(bytes);
      bytes = grown;
    }
    const free = bytes.length - size;
    // The read takes the buffer over and hands it back in `value`.
    const { value, done } = await reader.readAtLeast(Math.min(READ_SIZE, free), bytes.subarray(size));
    if (value) {
      bytes = new Uint8Array(value.buffer);
      size += value.byteLength;
    }
    if (done) break;
  }
  if (size > maxBytes) {
    await reader.cancel();
    return undefined;
  }
  return bytes.subarray(0, size);
}

/** readAtMost for a stream that has no byte reader. */
async function readChunks(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Media type (415), size over `maxBytes` (413, the limit in the message), then strict parsing
 * (400/422); put it before a `json` validator.
 */
export const strictJson = ({ maxBytes }: StrictJsonOptions): MiddlewareHandler => {
  return async function strictJson(c, next) {
    const mediaType = c.req.header("Content-Type")?.split(";")[0]?.trim().toLowerCase();
    if (mediaType !== "application/json") {
      return errorResponse(c, "unsupported_media_type", "Content-Type must be application/json");
    }
    const tooLarge = () => errorResponse(c, "body_too_large", `request body exceeds ${maxBytes} bytes`);
    const { body, headers } = c.req.raw;
    let bytes: Uint8Array | undefined;
    if (!body) bytes = new Uint8Array(0);
    else if (headers.has("Content-Length") && !headers.has("Transfer-Encoding")) {
      // workerd holds a body to the length its header declares.
      if (Number(headers.get("Content-Length")) > maxBytes) return tooLarge();
      bytes = new Uint8Array(await c.req.arrayBuffer());
    } else if (!(bytes = await readAtMost(body, maxBytes))) return tooLarge();
    const parsed = parseStrictJson(bytes);
    if ("problem" in parsed) {
      const { code, message, details } = parsed.problem;
      return errorResponse(c, code, message, details);
    }
    // c.req.json(), which the validators call, would decode and parse the body again.
    c.req.json = <T>() => Promise.resolve(parsed.value as T);
    c.set("nonAsciiBound", parsed.nonAsciiBound);
    await next();
  };
};
