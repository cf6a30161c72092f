import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readWeights } from "../../src/cli/data.js";
import { scorePair } from "../../src/model/scorer.js";
import { MAX_SEGMENT_LENGTH, MAX_TOKEN_SEGMENTS, MIN_SEGMENT_LENGTH, scoreWithSegments, segmentEnds, type Segment } from "../../src/model/segments.js";
import { documentText } from "../fixtures/arbitraries.js";
import { bits } from "../fixtures/bits.js";
import { FIXTURE_PAIRS } from "../fixtures/pairs.js";

const { model } = readWeights("weights/model.json");

/** Long texts too: runs without sentence ends, whitespace-free scripts, marks and emoji sequences. */
const longText = fc
  .array(
    fc.constantFrom("word ", "Ωμέγα ", "ΟΔΟΣ", "e\u0301", "\u1100\u1161", "日本語", "。", ". ", "! ", "\r\n", "👩‍👩‍👧", "🇫🇷", "x\ufe0f", "\u0301", "\ud800", "İ", " ", "?!”  "),
    { maxLength: 600 },
  )
  .map((parts) => parts.join(""));
const text = fc.oneof(documentText, longText);

const explained = (a: string, b: string) => {
  const { result, segments } = scoreWithSegments(model, a, b);
  return { score: result.score, segments };
};

const isLow = (u: number) => u >= 0xdc00 && u <= 0xdfff;
const isHigh = (u: number) => u >= 0xd800 && u <= 0xdbff;

describe("segments", () => {
  it("come with the pair's score as scorePair gives it, to the bit, with the statistics or without", () => {
    fc.assert(
      fc.property(text, text, fc.boolean(), (a, b, statistics) => {
        expect(bits(scoreWithSegments(model, a, b, statistics).result)).toBe(bits(scorePair(model, a, b, statistics)));
      }),
      { numRuns: 300 },
    );
  });

  it("tile each text without splitting a surrogate pair", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const { segments } = explained(a, b);
        for (const [t, list] of [[a, segments.text1], [b, segments.text2]] as const) {
          expect(list.length === 0).toBe(t.length === 0);
          let at = 0;
          for (const s of list) {
            expect(s.start).toBe(at);
            expect(s.end).toBeGreaterThan(s.start);
            expect(isLow(t.charCodeAt(s.start)) && isHigh(t.charCodeAt(s.start - 1))).toBe(false);
            at = s.end;
          }
          expect(at).toBe(t.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("add up, with the unsegmented part and the constant 0, to the score", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const { score, segments } = explained(a, b);
        const sum = [...segments.text1, ...segments.text2].reduce((s, g) => s + g.contribution, 0) + segments.unsegmented;
        expect(Math.abs(sum - score)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(score)));
      }),
      { numRuns: 300 },
    );
  });

  it("trade places and change sign when the texts swap", () => {
    const negated = (list: Segment[]) => list.map((s) => ({ ...s, contribution: -s.contribution }));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const forward = explained(a, b).segments;
        const backward = explained(b, a).segments;
        expect(backward.text1).toEqual(negated(forward.text2));
        expect(backward.text2).toEqual(negated(forward.text1));
        expect(backward.unsegmented === -forward.unsegmented).toBe(true); // 0 and -0 alike
      }),
      { numRuns: 200 },
    );
  });

  it("come out the same whatever pairs came before (the working arrays are kept from call to call)", () => {
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        const before = [explained(a, b), explained(a, a)];
        explained(c + b, c); // other lengths, segments and tokens in between
        expect([explained(a, b), explained(a, a)]).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  it("give a text's share to its own segments only", () => {
    const [pair] = FIXTURE_PAIRS;
    const edited = explained(pair!.text1, pair!.text2 + " An extra closing sentence about the weather today.").segments;
    const plain = explained(pair!.text1, pair!.text2).segments;
    expect(edited.text1).toEqual(plain.text1);
  });
});

describe("segmentation", () => {
  const pieces = (t: string) => {
    const ends = segmentEnds(t);
    return ends.map((end, k) => t.slice(ends[k - 1] ?? 0, end));
  };

  it("ends sentences at stops followed by space, keeping the space and closing quotes", () => {
    expect(pieces('The survey started in 2019. It measured 3.5 million stars! "Really?"  Yes, it did.')).toEqual([
      "The survey started in 2019. ",
      "It measured 3.5 million stars! ",
      '"Really?"  Yes, it did.',
    ]);
  });

  it("ends sentences at line breaks, CRLF included, and at ideographic stops without a space", () => {
    expect(pieces("Heading of the text\r\nA first line of prose.\n\nAnother paragraph here.")).toEqual([
      "Heading of the text\r\n",
      "A first line of prose.\n\n",
      "Another paragraph here.",
    ]);
    expect(pieces("这台望远镜在三月份连续观测了星云六个晚上。天文学家用光谱仪测量了它的红移。")).toEqual([
      "这台望远镜在三月份连续观测了星云六个晚上。",
      "天文学家用光谱仪测量了它的红移。",
    ]);
    expect(pieces("दूरबीन ने छह रातों तक नीहारिका को देखा। खगोलविदों ने उसका लाल विचलन मापा।")).toEqual([
      "दूरबीन ने छह रातों तक नीहारिका को देखा। ",
      "खगोलविदों ने उसका लाल विचलन मापा।",
    ]);
  });

  it(`never cuts a segment shorter than ${MIN_SEGMENT_LENGTH} code units`, () => {
    expect(pieces("Yes. No. Maybe so. A longer sentence follows here.")).toEqual(["Yes. No. Maybe so. ", "A longer sentence follows here."]);
  });

  it(`cuts text without sentence ends into windows of at most ${MAX_SEGMENT_LENGTH} units, after whitespace where it can`, () => {
    const words = "spectrograph ".repeat(100);
    const cut = pieces(words);
    expect(cut.join("")).toBe(words);
    for (const piece of cut) {
      expect(piece.length).toBeLessThanOrEqual(MAX_SEGMENT_LENGTH);
      expect(piece.endsWith(" ")).toBe(true);
    }
    const noSpaces = "x".repeat(1000);
    expect(pieces(noSpaces).map((p) => p.length)).toEqual([400, 400, 200]);
  });

  it("still ends a sentence that a window cut falls before (the cut moves the scan back)", () => {
    // The stop's run of spaces carries the first segment past the window; the cut comes back to the
    // whitespace at 250, and the stop at 391 then ends the next segment.
    const text = `${"a".repeat(250)} ${"b".repeat(140)}. ${" ".repeat(10)}Then a last sentence.`;
    expect(segmentEnds(text)).toEqual([251, 403, text.length]);
  });

  it("never separates a code point from its marks, joiners, variation selectors or its low surrogate", () => {
    // Each text repeats one sequence; a cut may only fall between two sequences (a flag's two code points may part).
    for (const [unit, step] of [["e\u0301", 2], ["👩‍👩‍👧", 8], ["✈\ufe0f", 2], ["😀", 2], ["🇫🇷", 2], ["a\u0301\u0302\u0303", 4]] as const) {
      const t = unit.repeat(Math.ceil(1000 / unit.length));
      const ends = segmentEnds(t);
      expect(ends.length).toBeGreaterThan(2);
      for (const end of ends) expect(end % step).toBe(0);
    }
  });

  it("makes the rest of a text one segment after two cuts in a row that normalization crosses", () => {
    // U+FEFF ends a sentence, but lower case reads past it: each Σ before a cut is final (ς) only alone.
    const greek = "ΣΣΣΣΣΣΣΣΣΣΣΣΣΣ.\ufeff".repeat(2);
    const text = `An intro sentence, long enough. ${greek}Then an English sentence. And one more sentence here.`;
    const intro = text.indexOf("Σ");
    expect(segmentEnds(text).length).toBeGreaterThan(3);
    expect(explained(text, "").segments.text1.map((s) => [s.start, s.end])).toEqual([[0, intro], [intro, text.length]]);
  });

  it("merges the last piece back one cut at most, then makes the text one segment", () => {
    // Apostrophes, full stops and U+FEFF are case-ignorable: the final Σ looks back across all these sentences to the "a".
    const text = `An opening sentence here. a${"''''''''''''''.\ufeff".repeat(3)}Σ`;
    expect(segmentEnds(text)).toEqual([26, 43, 59, 75, text.length]);
    expect(explained(text, "").segments.text1.map((s) => [s.start, s.end])).toEqual([[0, text.length]]);
  });

  it("cuts a run of stops longer than a window into windows, reading each window once", () => {
    for (const stop of ["。", "…", "."]) expect(segmentEnds(`${stop.repeat(1000)} a word`)).toEqual([400, 800, 1001, 1007]);
  });

  it("keeps a run of marks longer than a window in one segment, whole for NFC", () => {
    const marks = "\u0301\u0316".repeat(MAX_SEGMENT_LENGTH); // two combining classes, which NFC reorders
    const text = `a${marks} then more words after them. And a last sentence here.`;
    const ends = segmentEnds(text);
    expect(ends[0]).toBe(text.indexOf(" then"));
    expect(explained(text, "").segments.text1.map((s) => s.end)).toEqual(ends);
  });

  it("merges segments whose cut would change the normalization (a final sigma, a letter and its mark)", () => {
    // Alone, the first window would end in a final sigma ("ς"); in the whole text it is followed by a letter ("σ").
    const sigma = "Σ".repeat(MAX_SEGMENT_LENGTH) + "ΑΒΓ and more";
    const { text1 } = explained(sigma, "").segments;
    expect(segmentEnds(sigma)).toEqual([MAX_SEGMENT_LENGTH, sigma.length]);
    expect(text1.map((s) => [s.start, s.end])).toEqual([[0, sigma.length]]);
  });
});

describe("shared", () => {
  const REAL = [
    "The survey telescope mapped the southern sky in three infrared bands over five years.",
    "Calibration relied on standard stars observed every night alongside the science fields.",
    "The archive releases reduced images, source catalogues and light curves to the community.",
    "Engineers tested the antenna in a thermal vacuum chamber before the launch campaign.",
  ];
  const INSERTED = "Meanwhile the best recipes for chocolate cake always use a pinch of salt and fresh butter.";

  it(`counts a token in up to ${MAX_TOKEN_SEGMENTS} segments of the other text, fewer for a text of over 4,096 tokens`, () => {
    const sentence = "qq rr ss tt uu vv. ";
    const other = sentence.repeat(MAX_TOKEN_SEGMENTS - 1); // each token in 63 segments
    // Distinct words of letters only (digits would all read as 0): base 26, its digits 0-9 written q-z.
    const word = (i: number) => `x${[...i.toString(26)].map((c) => (c >= "0" && c <= "9" ? String.fromCharCode(113 + Number(c)) : c)).join("")}`;
    /** The sentence, then sentences of `tokens` distinct filler words. */
    const text = (tokens: number) => sentence + Array.from({ length: tokens }, (_, i) => `${word(i)}${i % 10 === 9 ? ". " : " "}`).join("");
    expect(explained(text(4000), other).segments.text1[0]!.shared).toBe(true); // 4,006 tokens: the limit is 64
    expect(explained(text(4200), other).segments.text1[0]!.shared).toBe(false); // 4,206: 262,144 / 4,206 = 62 < 63
  });

  it("is false on exactly the sentence that only one text has", () => {
    const real = REAL.join(" ");
    const edited = [...REAL.slice(0, 2), INSERTED, ...REAL.slice(2)].join(" ");
    const { segments } = explained(real, edited);
    expect(segments.text1.every((s) => s.shared)).toBe(true);
    const unshared = segments.text2.filter((s) => !s.shared).map((s) => edited.slice(s.start, s.end).trim());
    expect(unshared).toEqual([INSERTED]);
    // The inserted sentence reads as edited: it points away from text2 being real, so its contribution is > 0.
    expect(segments.text2.find((s) => !s.shared)!.contribution).toBeGreaterThan(0);
  });

  it("holds for a reworded sentence that keeps most of its words", () => {
    const reworded = REAL[0]!.replace("mapped", "surveyed").replace("five", "six");
    const { segments } = explained(REAL[0]!, reworded);
    expect(segments.text1[0]!.shared).toBe(true);
  });
});
