/**
 * Deterministic English-like texts for benchmarks: a seeded generator over a small word list,
 * with sentence case, commas, numbers and the odd parenthesis, so the extractor sees the mix of
 * classes a real document has. No data files are read here.
 */
import { mulberry32 } from "../../model/train.js";

const WORDS = (
  "the of and to in a is that for it as was with be by on not he this are or his from at which " +
  "but have an they one you were her all she there would their we him been has when who will more " +
  "no if out so said what up its about into than them can only other new some could time these two " +
  "may then do first any my now such like our over man me even most made after also did many before " +
  "must through back years where much your way well down should because each just those people " +
  "telescope galaxy star stars planet orbit mission spacecraft observations survey infrared " +
  "spectrograph astronomers data light instrument images field cluster solar mass distance " +
  "measurements results team analysis resolution wavelength detector emission dust gas formation " +
  "universe observatory catalogue sample bright faint region structure dark matter energy surface"
).split(" ");

/** An English-like text of exactly `length` UTF-16 code units (ASCII only, so also bytes). */
export function englishText(seed: number, length: number): string {
  const random = mulberry32(seed);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const words = 8 + Math.floor(random() * 18);
    let sentence = "";
    for (let w = 0; w < words; w++) {
      let word = random() < 0.04 ? String(Math.floor(random() * 2000)) : pick();
      if (w === 0) word = word[0]!.toUpperCase() + word.slice(1);
      else if (random() < 0.03) word = `(${word})`;
      sentence += (w === 0 ? "" : random() < 0.08 ? ", " : " ") + word;
    }
    sentence += random() < 0.9 ? ". " : random() < 0.5 ? "? " : "!\n\n";
    parts.push(sentence);
    size += sentence.length;
  }
  return parts.join("").slice(0, length);
}

/** A sentence of the foreign-script noise that edited texts carry (Cyrillic, Greek, accents, CJK). */
const FOREIGN = " Наблюдения показали звёзды, αστέρια και γαλαξίες (naïve café, Größe 12 μm; 望远镜观测). ";

/**
 * The text with that sentence in its middle, at the same length: non-ASCII, so extraction takes its
 * general path, as for about half of the real texts.
 */
export function withForeignScript(text: string): string {
  const at = Math.floor((text.length - FOREIGN.length) / 2);
  return text.slice(0, at) + FOREIGN + text.slice(at + FOREIGN.length);
}
