/**
 * Base64 for the weights file's tables. Shared by the trainer and the Worker.
 */

// btoa and atob are in Node and workerd alike. workerd also has Uint8Array.fromBase64, which decodes
// the tables at start-up in native code instead of a loop that is still running cold; Node 20
// lacks it, so the tools decode with atob.
type FromBase64 = (text: string, options: { lastChunkHandling: "strict" }) => Uint8Array;
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: FromBase64 }).fromBase64;

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function decodeWithAtob(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Decodes padded base64; throws on any other character or length. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new Error("base64 length must be a multiple of 4");
  let bytes: Uint8Array;
  try {
    bytes = nativeFromBase64 ? nativeFromBase64(text, { lastChunkHandling: "strict" }) : decodeWithAtob(text);
  } catch {
    throw new Error("not base64");
  }
  // Both decoders skip white space; a length check catches it, and padding in the middle.
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  if (bytes.length !== (text.length / 4) * 3 - padding) throw new Error("not base64 (white space or stray padding)");
  return bytes;
}
