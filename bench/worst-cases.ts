/**
 * Worst-case requests at the documented limits, each timed for CPU in workerd: the app's bundle
 * (rate limiter in the isolate) and the do-nothing Worker each in a workerd process of its own,
 * the same request sent over and over, warm, and the process's CPU time of each request taken
 * alone. `npm run bench:worst-case` prints them; `npm run bench` checks the worst against the
 * 10 ms target.
 */
import { nonAsciiLength } from "../src/model/unicode.js";
import {
  MAX_BATCH_BODY_BYTES,
  MAX_NON_ASCII_LENGTH,
  MAX_BATCH_PAIRS,
  MAX_BODY_BYTES,
  MAX_EXPLAINED_BATCH_LENGTH,
  MAX_EXPLAINED_BATCH_PAIRS,
  MAX_SEGMENTED_BATCH_LENGTH,
  MAX_SEGMENTED_TEXT_LENGTH,
  MAX_TEXT_LENGTH,
} from "../src/worker/limits.js";
import { englishText, escapedJson } from "../test/fixtures/texts.js";
import { sharedWithFloodSymbols, sharedWithFloodWords, typesFloodAscii, typesFloodText } from "./hash-floods.js";
import { ignorableSentences, scatteredSymbolLines, scatteredWordSentences } from "./segment-floods.js";
import { send } from "./http.js";
import { serveAlone, type Alone, type Bundles } from "./workerd.js";

const N = MAX_TEXT_LENGTH;
/** Code units outside ASCII that each of a pair's two texts may hold. */
const M = MAX_NON_ASCII_LENGTH / 2;
/** Texts explain=segments takes. */
const S = MAX_SEGMENTED_TEXT_LENGTH;

const fill = (unit: string, length = N) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length - (length % unit.length));
let seed = 1;
const random = () => ((seed = Math.imul(seed, 48271) % 0x7fffffff) & 0xffff) / 0x10000;
const randomLetters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(random() * 26))).join("");
/** Random code points of [from, to), a new one at each character: table lookups all over, and ICU's rarely used paths. */
const randomCodePoints = (from: number, to: number, length = N) => {
  let text = "";
  while (text.length < length) text += String.fromCodePoint(from + Math.floor((random() + random() / 0x10000) * (to - from)));
  return text.slice(0, length - (text.length > length ? 1 : 0));
};
/** Random upper-case letters past ASCII, a new one at each character: the statistics lower-case each (explain=all). */
const randomCapitals = (length = N) => {
  const capitals = Array.from({ length: 0x20000 }, (_, cp) => cp).filter((cp) => cp >= 0x80 && /^\p{Lu}$/u.test(String.fromCodePoint(cp)));
  let text = "";
  while (text.length < length) text += String.fromCodePoint(capitals[Math.floor(random() * capitals.length)]!);
  return text.slice(0, length - (text.length > length ? 1 : 0));
};
// Latin, Cyrillic, Greek, Arabic, Devanagari, CJK, Hangul, an astral letter: a script change at every character.
const scripts = "aжλعक漢한𝐀";
/** Sentences of words that never repeat: the most distinct tokens for the shared-sentence check. */
const distinctWords = (seed: number, length: number) => {
  let text = "";
  for (let i = 0; text.length < length; i++) text += `w${seed}x${i.toString(36)}${i % 12 === 11 ? ". " : " "}`;
  return text.slice(0, length);
};

/** Windows of 400 units of `x` closed by Σ: each window cut falls after a final sigma that the next window makes non-final. */
const sigmaWindows = (x: string, length: number) => {
  const body = x.repeat(Math.floor(399 / x.length));
  return fill(body + "Σ".repeat(400 - body.length), length);
};
/** A JSON array of `item` repeated, as long as fits in `budget` bytes. */
const arrayOf = (item: string, budget = MAX_BODY_BYTES - 60) => `[${Array(Math.floor((budget - 2) / (item.length + 1))).fill(item).join(",")}]`;
/** A pair with one more key, holding `inner`. */
const withExtraKey = (inner: string) => `{"text1":"a","text2":"b","x":${inner}}`;

export interface Case {
  name: string;
  path: string;
  body: string;
}

/**
 * A /predict case. Texts over the limit outside ASCII in all (MAX_NON_ASCII_LENGTH) are cut to it,
 * each to the same share of its length, so that every kind is timed at the most the API takes.
 */
const pair = (name: string, text1: string, text2: string, query = ""): Case => ({ name, path: `/predict${query}`, body: JSON.stringify(withinNonAscii(text1, text2)) });

function withinNonAscii(text1: string, text2: string): { text1: string; text2: string } {
  const cut = (text: string, share: number) => {
    const end = Math.floor(text.length * share);
    return text.slice(0, (text.charCodeAt(end - 1) & 0xfc00) === 0xd800 ? end - 1 : end); // never half a surrogate pair
  };
  const total = nonAsciiLength(text1) + nonAsciiLength(text2);
  for (let share = Math.min(1, MAX_NON_ASCII_LENGTH / total); ; share *= 0.999) {
    const texts = { text1: cut(text1, share), text2: cut(text2, share) };
    if (nonAsciiLength(texts.text1) + nonAsciiLength(texts.text2) <= MAX_NON_ASCII_LENGTH) return texts;
  }
}

/** The most pairs a batch with explain holds, of distinct prose whose texts add up to the mode's limit: each pair and each character costs. */
function explainedBatch(query: string, limit: number): Case {
  const length = Math.floor(limit / (2 * MAX_EXPLAINED_BATCH_PAIRS));
  const pairs = Array.from({ length: MAX_EXPLAINED_BATCH_PAIRS }, (_, k) => ({ text1: englishText(10 + k, length), text2: englishText(1000 + k, length) }));
  return { name: `batch: ${MAX_EXPLAINED_BATCH_PAIRS} pairs of ${length}, ${query}, adding up to the limit`, path: `/predict/batch?${query}`, body: JSON.stringify({ pairs }) };
}

/** MAX_BATCH_PAIRS pairs whose texts repeat `unit`, as long as the limit outside ASCII allows, or (`fillBody`) the body. */
function unitBatch(unit: string, name: string, fillBody = false): Case {
  const repeats = fillBody
    ? Math.floor((Math.floor((MAX_BATCH_BODY_BYTES - 20) / (2 * MAX_BATCH_PAIRS)) - 30) / new TextEncoder().encode(unit).length)
    : Math.floor(MAX_NON_ASCII_LENGTH / (2 * MAX_BATCH_PAIRS) / nonAsciiLength(unit));
  const text = unit.repeat(repeats);
  return { name, path: "/predict/batch", body: JSON.stringify({ pairs: Array.from({ length: MAX_BATCH_PAIRS }, () => ({ text1: text, text2: text })) }) };
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/**
 * MAX_BATCH_PAIRS pairs of prose filling the body, each text between `head` and `tail`: a few units
 * outside ASCII put every text on the general path, or through NFC, far within the limit outside
 * ASCII. With `nfd`, an e and U+0301 every 12 words, as in text saved decomposed.
 */
function proseBatch(name: string, head: string, tail = "", nfd = false): Case {
  let k = 0;
  const budget = Math.floor(MAX_BATCH_BODY_BYTES / (2 * MAX_BATCH_PAIRS)) - 40 - utf8Length(head) - utf8Length(tail);
  const prose = nfd ? englishText(3, Math.floor(budget * 0.95)).replace(/ /g, (space) => (++k % 12 ? space : "e\u0301 ")) : englishText(3, budget);
  const text = head + prose + tail;
  return { name, path: "/predict/batch", body: JSON.stringify({ pairs: Array.from({ length: MAX_BATCH_PAIRS }, () => ({ text1: text, text2: text })) }) };
}

/**
 * MAX_BATCH_PAIRS pairs of prose filling the body with `unit` (named `label`) after every 8th unit of
 * it, as many times as the limit outside ASCII allows: the most places where the hashing pass meets a
 * unit past ASCII (and NFC a mark) in a body of the largest size. Every text is prose of its own:
 * the same text throughout cost up to a fifth less (the table lookups hit the cache).
 */
function sprinkledBatch(label: string, unit: string): Case {
  const every = 8;
  const budget = Math.floor(MAX_BATCH_BODY_BYTES / (2 * MAX_BATCH_PAIRS)) - 40;
  const unitBytes = utf8Length(unit);
  const sprinkled = (seed: number) => {
    let units = Math.floor(MAX_NON_ASCII_LENGTH / (2 * MAX_BATCH_PAIRS) / nonAsciiLength(unit));
    let text = "";
    let bytes = 0; // englishText is ASCII
    for (const ch of englishText(seed, budget)) {
      if (bytes + unitBytes + 1 > budget) break;
      text += ch;
      bytes++;
      if (text.length % (every + unit.length) === every && units-- > 0) {
        text += unit;
        bytes += unitBytes;
      }
    }
    return text;
  };
  const pairs = Array.from({ length: MAX_BATCH_PAIRS }, (_, k) => ({ text1: sprinkled(2 * k), text2: sprinkled(2 * k + 1) }));
  const name = `batch: ${MAX_BATCH_PAIRS} pairs of prose filling the body, ${label} after every ${every}th unit up to the limit outside ASCII`;
  return { name, path: "/predict/batch", body: JSON.stringify({ pairs }) };
}

/** A Σ after 600 sentences of case-ignorables, then prose, S units in all. */
const sigmaAfterIgnorables = () => `${ignorableSentences("a", "", 1 + 600 * 16)}Σ. ${"Some ordinary words here. ".repeat(Math.floor((S - 1 - 600 * 16 - 3) / 26))}`;

/** The cases: texts at the maximum length of every shape the extractor treats apart, refusals, explanations and batches. */
export function worstCases(): Case[] {
  const prose = [englishText(1, N), englishText(2, N)] as const;
  const segmentable = [englishText(1, S), englishText(2, S)] as const;
  const segments = "?explain=all,segments";
  const batchText = englishText(3, Math.floor(MAX_BATCH_BODY_BYTES / (2 * MAX_BATCH_PAIRS)) - 40);
  const manyKeys = `{${Array.from({ length: MAX_BODY_BYTES / 16 }, (_, i) => `"\\u006b${i}":0`).join(",")}}`.slice(0, MAX_BODY_BYTES - 2);
  const escapes = Math.floor(MAX_BODY_BYTES / 6) - 10;
  const escapedUnits = Math.floor(MAX_BODY_BYTES / 12) - 10;
  // As many İ+U+0344 at each end of every text of a full batch as the limit outside ASCII allows.
  const atEnd = Math.floor(MAX_NON_ASCII_LENGTH / (2 * MAX_BATCH_PAIRS) / 4);
  return [
    pair("small texts (baseline)", "A short authentic text.", "A short edited text!"),
    pair("English prose", ...prose),
    pair(`English prose of ${S}, explain=all,segments`, ...segmentable, segments),
    pair("English prose, explain=all (the statistics too)", ...prose, "?explain=all"),
    pair("combining marks (NFC composes every pair)", fill("e\u0301"), fill("a\u0308")),
    // NFC puts a run of marks in order in quadratic time; one run of 50,000 took a second before runs were cut at 30 (hashing.ts).
    pair("one run of combining marks of two classes, out of order", `a${fill("\u0301\u0316", N - 1)}`, `e${fill("\u0345\u05b0", N - 1)}`),
    pair(`one run of combining marks, ${S}, explain=all,segments`, `a${fill("\u0301\u0316", S - 1)}`, `e${fill("\u0345\u05b0", S - 1)}`, segments),
    // Lower case and NFC both grow this text (İ is i and a dot in lower case, U+0344 two marks in NFC).
    pair("dotted capital I and U+0344 (lower case and NFC grow the text)", fill("İ\u0344"), fill("İ\u0344")),
    // NFC splits each U+FB2C into three code units (a letter and two marks, composition excluded).
    pair("Hebrew letters that NFC splits in three", fill("\ufb2c"), fill("\ufb2c")),
    pair("Hebrew letters that NFC splits in three, explain=all", fill("\ufb2c"), fill("\ufb2c"), "?explain=all"),
    // hashText reads a text as it comes and normalizes it at the first code point that needs more: at the end, it reads the text twice.
    pair("Cyrillic capitals ending in a combining mark (read, then normalized and read again)", `${fill("Ж", M - 1)}\u0301`, `${fill("Ж", M - 1)}\u0301`),
    pair("ASCII ending in a combining mark (read, then normalized and read again)", `${fill("abc ", N - 1)}\u0301`, `${fill("abc ", N - 1)}\u0301`),
    // U+FEFF is whitespace to the segmenter but case-ignorable: the Σ before each cut is final only in its own piece.
    pair(`final sigma sentences ending ".\\uFEFF", ${S}, explain=segments`, fill("ΣΣΣΣΣΣΣΣΣΣΣΣΣΣ.\ufeff", S), fill("ΣΣΣΣΣΣΣΣΣΣΣΣΣΣ.\ufeff", S), "?explain=segments"),
    pair(`"İ\\u0344" sentences ending "ΣΣ.\\uFEFF", ${S}, explain=all,segments`, fill("İ\u0344".repeat(6) + "ΣΣ.\ufeff", S), fill("İ\u0344".repeat(6) + "ΣΣ.\ufeff", S), segments),
    pair(`windows of "İ\\u0344" closed by Σ, ${S}, explain=all,segments`, sigmaWindows("İ\u0344", S), sigmaWindows("İ\u0344", S), segments),
    pair(`a run of final sigmas, ${S}, explain=all,segments`, fill("Σ", S), fill("Σ", S), segments),
    pair("one repeated character", fill("a"), fill("b")),
    pair("emoji (astral pairs)", fill("😀"), fill("🚀")),
    // Refused only once the whole body has been scanned (JSON.stringify writes the lone surrogate as an escape).
    { name: "emoji, a lone surrogate at the end (refused)", path: "/predict", body: JSON.stringify({ text1: fill("😀"), text2: `${fill("🚀", N - 2)}\ud800` }) },
    { name: "two texts of Cyrillic at the length limit (refused: over the limit outside ASCII)", path: "/predict", body: JSON.stringify({ text1: fill("ж"), text2: fill("ж") }) },
    pair(`emoji, ${S}, explain=all,segments`, fill("😀", S), fill("🚀", S), segments),
    pair("one giant word", randomLetters(N), randomLetters(N)),
    pair("alternating scripts", fill(scripts), fill([...scripts].reverse().join(""))),
    pair("alternating scripts, explain=all", fill(scripts), fill([...scripts].reverse().join("")), "?explain=all"),
    pair(`alternating scripts, ${S}, explain=all,segments`, fill(scripts, S), fill([...scripts].reverse().join(""), S), segments),
    pair("only punctuation", fill(".,;:!?-()[]{}\"'"), fill("!?")),
    pair(`sentences of one letter, ${S}, explain=all,segments`, fill("a. ", S), fill("b! ", S), segments),
    pair(`distinct words, ${S}, explain=all,segments`, distinctWords(1, S), distinctWords(2, S), segments),
    pair("only whitespace", fill(" \t\n\u00a0\u3000"), fill(" ")),
    pair("distinct BMP code points", Array.from({ length: N }, (_, i) => String.fromCharCode(0x20 + (i % 0xd7d0))).join(""), fill("x")),
    pair("random BMP code points past ASCII, surrogates left out", randomCodePoints(0x80, 0xd800), randomCodePoints(0x80, 0xd800)),
    pair("random code points above the BMP", randomCodePoints(0x10000, 0x110000), randomCodePoints(0x10000, 0x110000)),
    pair("random code points above the BMP, explain=all", randomCodePoints(0x10000, 0x110000), randomCodePoints(0x10000, 0x110000), "?explain=all"),
    pair("random upper-case letters past ASCII, explain=all", randomCapitals(), randomCapitals(), "?explain=all"),
    pair("words built to collide in the statistics' word set, explain=all", typesFloodText(N), typesFloodText(N), "?explain=all"),
    pair("ASCII words built to collide in the statistics' word set, explain=all", typesFloodAscii(N), typesFloodAscii(N), "?explain=all"),
    pair(`symbols built to collide in the shared-sentence table, ${S}, explain=segments`, sharedWithFloodSymbols(S), sharedWithFloodSymbols(S), "?explain=segments"),
    pair(`words built to collide in the shared-sentence table, ${S}, explain=segments`, sharedWithFloodWords(S), sharedWithFloodWords(S), "?explain=segments"),
    pair(`a cased letter, sentences of case-ignorables, a final Σ, ${S}, explain=segments`, ignorableSentences("a", "Σ", S), ignorableSentences("b", "Σ", S), "?explain=segments"),
    pair(`a Σ after 600 sentences of case-ignorables, then prose, ${S}, explain=segments`, sigmaAfterIgnorables(), sigmaAfterIgnorables(), "?explain=segments"),
    pair(`symbol lines dealt so that every token is in 64 lines, ${S}, explain=segments`, scatteredSymbolLines(S, 1), scatteredSymbolLines(S, 2), "?explain=segments"),
    pair(`ASCII sentences dealt so that every word is in 64 sentences, ${S}, explain=segments`, scatteredWordSentences(S, 1), scatteredWordSentences(S, 2), "?explain=segments"),
    pair(`a run of 。 then a word, ${S}, explain=segments`, `${"。".repeat(S - 10)} abcdefghi`, `${"。".repeat(S - 10)} abcdefghi`, "?explain=segments"),
    pair(`a run of … then a word, ${S}, explain=segments`, `${"…".repeat(S - 10)} abcdefghi`, `${"…".repeat(S - 10)} abcdefghi`, "?explain=segments"),
    pair("distinct astral code points", Array.from({ length: N / 2 }, (_, i) => String.fromCodePoint(0x20000 + i)).join(""), fill("x")),
    {
      name: "texts written as escapes, filling the body",
      path: "/predict",
      // As much outside ASCII as a request takes, then ASCII letters, every unit an escape.
      body: `{"text1":${escapedJson(fill("é", M) + fill("a", escapedUnits - M))},"text2":${escapedJson(fill("ж", M) + fill("b", escapedUnits - M))}}`,
    },
    { name: "a body of '[' (refused: too deep)", path: "/predict", body: "[".repeat(MAX_BODY_BYTES) },
    // Both from a red-team session: zod-validator built every query parameter (12 ms), and the 422 quoted the key whole (1 MB, 13 ms).
    { name: "a query of 22,000 parameters besides explain", path: `/predict?${Array.from({ length: 22_000 }, (_, i) => `${i.toString(36)}=`).join("&")}&explain=true`, body: JSON.stringify({ text1: "a", text2: "b" }) },
    { name: "an unknown key of 130,000 emoji (refused, the message cut)", path: "/predict", body: `{"text1":"a","text2":"b",${JSON.stringify("😀".repeat(Math.floor((MAX_BODY_BYTES - 40) / 4)))}:0}` },
    { name: "a body of escaped unique keys (refused)", path: "/predict", body: `${manyKeys.slice(0, manyKeys.lastIndexOf(","))}}` },
    { name: "a body of escapes (refused: NUL at the end)", path: "/predict", body: `{"text1":"${"\\u0041".repeat(escapes)}\\u0000","text2":""}` },
    { name: 'an extra key holding [""...] filling the body (refused)', path: "/predict", body: withExtraKey(arrayOf('""')) },
    { name: 'an extra key holding [{"a":0}...] filling the body (refused)', path: "/predict", body: withExtraKey(arrayOf('{"a":0}')) },
    { name: "batch: pairs [{}...] filling the body (refused)", path: "/predict/batch", body: `{"pairs":${arrayOf("{}")}}` },
    { name: "batch: pairs [1...] filling the body (refused)", path: "/predict/batch", body: `{"pairs":${arrayOf("1")}}` },
    { name: "batch: pairs of empty texts past the limit, filling the body (refused)", path: "/predict/batch", body: `{"pairs":${arrayOf('{"text1":"","text2":""}')}}` },
    unitBatch("e\u0301", `batch: ${MAX_BATCH_PAIRS} pairs of e+U+0301, up to the limit outside ASCII`),
    unitBatch("İ\u0344", `batch: ${MAX_BATCH_PAIRS} pairs of İ+U+0344, up to the limit outside ASCII`),
    unitBatch(scripts, `batch: ${MAX_BATCH_PAIRS} pairs of alternating scripts, up to the limit outside ASCII`),
    unitBatch("İ\u0344", `batch: ${MAX_BATCH_PAIRS} pairs of İ+U+0344 filling the body (refused: over the limit outside ASCII)`, true),
    {
      name: `batch: ${MAX_BATCH_PAIRS} pairs of prose filling the body`,
      path: "/predict/batch",
      body: JSON.stringify({ pairs: Array.from({ length: MAX_BATCH_PAIRS }, () => ({ text1: batchText, text2: batchText })) }),
    },
    // A red-team session's: each took 10-15 ms before the general pass read ASCII stretches as the ASCII pass does.
    proseBatch(`batch: ${MAX_BATCH_PAIRS} pairs of prose filling the body, each text opening with é`, "é"),
    proseBatch(`batch: ${MAX_BATCH_PAIRS} pairs of prose filling the body, each text opening with U+212B (NFC changes it)`, "\u212b"),
    proseBatch(`batch: ${MAX_BATCH_PAIRS} pairs of prose filling the body, each text opening with ${2 * atEnd} İ+U+0344`, "İ\u0344".repeat(2 * atEnd)),
    // Texts that NFC changes at both ends (U+0344), so that the whole of each is normalized.
    proseBatch(`batch: ${MAX_BATCH_PAIRS} pairs of prose filling the body, each text between Σ and U+0344`, "Σ", "\u0344"),
    proseBatch(`batch: ${MAX_BATCH_PAIRS} pairs of prose filling the body, each text between ${atEnd} İ+U+0344 and ${atEnd} more`, "İ\u0344".repeat(atEnd), "İ\u0344".repeat(atEnd)),
    proseBatch(`batch: ${MAX_BATCH_PAIRS} pairs of NFD prose filling the body (e+U+0301 every 12 words)`, "", "", true),
    sprinkledBatch("U+0301", "\u0301"),
    sprinkledBatch("é", "é"),
    sprinkledBatch("Σ", "Σ"),
    sprinkledBatch("an emoji", "😀"),
    // NFC splits U+0344 in two marks (a decomposition it never composes back); U+FFFD is also what the kernel's copy holds for a lone surrogate.
    sprinkledBatch("U+0344", "\u0344"),
    sprinkledBatch("U+FFFD", "\ufffd"),
    sprinkledBatch("ẞ", "\u1e9e"),
    // NFC splits U+FB2C in three (a letter and two marks), and U+1D15E in two code points above the BMP, which the kernel leaves to JavaScript.
    sprinkledBatch("U+FB2C", "\ufb2c"),
    sprinkledBatch("U+1D15E", "\u{1d15e}"),
    // Other ways NFC changes a text, found after item 49, which cost about as much: it splits U+0958 into a letter and a mark (a composition it never makes), U+0F73 into two marks, and joins two Hangul jamo, or a kana and U+3099, into one unit.
    sprinkledBatch("U+0958", "\u0958"),
    sprinkledBatch("U+0F73", "\u0f73"),
    sprinkledBatch("jamo U+1100 U+1161", "\u1100\u1161"),
    sprinkledBatch("U+304B U+3099", "\u304b\u3099"),
    explainedBatch("explain=all", MAX_EXPLAINED_BATCH_LENGTH),
    explainedBatch("explain=all,segments", MAX_SEGMENTED_BATCH_LENGTH),
    {
      name: `batch: ${MAX_BATCH_PAIRS} pairs of prose filling the body, explain=all (refused: over the explained limits)`,
      path: "/predict/batch?explain=all",
      body: JSON.stringify({ pairs: Array.from({ length: MAX_BATCH_PAIRS }, () => ({ text1: batchText, text2: batchText })) }),
    },
    {
      name: "batch: pairs of the longest prose filling the body",
      path: "/predict/batch",
      body: JSON.stringify({ pairs: Array.from({ length: Math.floor(MAX_BATCH_BODY_BYTES / (2 * N + 40)) }, (_, k) => ({ text1: englishText(10 + k, N), text2: englishText(50 + k, N) })) }),
    },
  ];
}

/** The worst case named `fragment`, or the one whose name holds it (bench:profile --case); fails, naming the matches, unless exactly one does. */
export function worstCaseNamed(fragment: string): Case {
  const cases = worstCases();
  const exact = cases.filter((c) => c.name === fragment);
  const found = exact.length ? exact : cases.filter((c) => c.name.includes(fragment));
  if (found.length !== 1) throw new Error(`${JSON.stringify(fragment)} names ${found.length} worst cases, not one${found.length ? `: ${found.map((c) => c.name).join("; ")}` : ""}`);
  return found[0]!;
}

/**
 * Warm-up CPU per case, in ms. A request of 5-10 ms reaches its warm cost only after a hundred or
 * so: the 256-pair batch filling the body took 11-12 ms after 300 ms of warm-up, 7 after 1 s and
 * 6.4 after 3 s (V8 optimizes the hot code and sizes its young generation meanwhile).
 */
export const WARMUP_CPU_MS = 1000;

/** Rounds over all the cases (WorstCaseOptions.rounds). */
export const ROUNDS = 4;

export interface WorstCaseOptions {
  /** Warm requests timed per case, each alone, spread over the rounds. */
  reps: number;
  /** CPU the first warm-up of a case must take, in ms (WARMUP_CPU_MS by default): V8 compiles the hot code meanwhile (its threads count too). */
  warmupCpuMs?: number;
  /**
   * Passes over all the cases, each timing its share of the requests. This machine's speed drifts
   * for seconds at a time (a case measured 3.9 ms alone and 15.8 ms at its turn in one pass), so
   * each case is timed at several moments and the median taken over all of them. ROUNDS by default.
   */
  rounds?: number;
}

export interface CaseCpu {
  name: string;
  bodyKiB: number;
  status: number;
  /** CPU milliseconds of each timed request: the app and the do-nothing Worker. */
  appMs: number[];
  noopMs: number[];
}

/** Sends the case's request and reads the answer; returns its status. */
async function exchange(alone: Alone, { path, body }: Case): Promise<number> {
  const response = await send(alone.target, path, body);
  await response.arrayBuffer();
  return response.status;
}

/**
 * The CPU of each of `reps` warm requests: first sent at least 5 times and until the warm-up has
 * taken `warmupCpuMs` (at most 5,000 times), then timed one by one. What workerd does after an
 * answer is out lands in the next request's time, which evens out over the requests.
 */
async function warmRequestsCpu(alone: Alone, c: Case, reps: number, warmupCpuMs: number): Promise<{ ms: number[]; status: number }> {
  const start = alone.cpuMs();
  for (let sent = 0; sent < 5 || (alone.cpuMs() - start < warmupCpuMs && sent < 5000); sent++) await exchange(alone, c);
  const ms: number[] = [];
  let status = 0;
  for (let i = 0; i < reps; i++) {
    const before = alone.cpuMs();
    status = await exchange(alone, c);
    ms.push(alone.cpuMs() - before);
  }
  return { ms, status };
}

/**
 * CPU per warm request of each case, in workerd, for the app and the do-nothing Worker: each case
 * warmed up fully in the first round and briefly (5 requests) in the later ones.
 */
export async function measureWorstCases(bundles: Bundles, { reps, warmupCpuMs = WARMUP_CPU_MS, rounds = ROUNDS }: WorstCaseOptions, cases = worstCases()): Promise<CaseCpu[]> {
  const app = await serveAlone("worst-app", bundles.served, true);
  const noop = await serveAlone("worst-noop", bundles.noop, false);
  const rows: CaseCpu[] = cases.map((c) => ({ name: c.name, bodyKiB: Math.round(new TextEncoder().encode(c.body).length / 1024), status: 0, appMs: [], noopMs: [] }));
  try {
    const share = Math.ceil(reps / rounds);
    for (let round = 0; round < rounds; round++) {
      const warmup = round === 0 ? warmupCpuMs : 0;
      for (const [i, c] of cases.entries()) {
        const ours = await warmRequestsCpu(app, c, share, warmup);
        const floor = await warmRequestsCpu(noop, c, share, warmup);
        rows[i]!.status = ours.status;
        rows[i]!.appMs.push(...ours.ms);
        rows[i]!.noopMs.push(...floor.ms);
      }
    }
    return rows;
  } finally {
    await app.stop();
    await noop.stop();
  }
}
