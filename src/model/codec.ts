/**
 * Compact text encodings for the weights file's tables: base64 for bytes, and LEB128 varints for
 * lists of non-negative whole numbers. Shared by the trainer and the Worker.
 */

// atob and btoa are native in Node and in workerd, and decode the tables several times faster than
// a JavaScript loop while the code is still cold at start-up.

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Decodes padded base64; throws on any other character or length. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error("base64 length must be a multiple of 4");
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error("not base64");
  }
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  if (binary.length !== (text.length / 4) * 3 - padding) throw new Error("not base64 (white space or stray padding)");
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Each number as 7-bit groups, low first, with the high bit set on all but the last (decodeTable reads them). */
export function encodeVarints(numbers: readonly number[]): Uint8Array {
  const out: number[] = [];
  for (let n of numbers) {
    while (n >= 128) {
      out.push((n & 127) | 128);
      n = Math.floor(n / 128);
    }
    out.push(n);
  }
  return Uint8Array.from(out);
}
