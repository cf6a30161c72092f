/**
 * e^x from IEEE arithmetic alone: fdlibm's __ieee754_exp (error below 1 ulp). Math.exp is not
 * specified to the bit, and Node 20's and workerd's V8 differ in the last bit for about one
 * argument in ten; the probability the Worker serves must equal the offline tools' to the bit.
 */

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const OVERFLOW = 7.09782712893383973096e2;
const UNDERFLOW = -7.45133219101941108420e2;
const TWO_TO_MINUS_1000 = 9.33263618503218878990e-302;

const bits = new DataView(new ArrayBuffer(8));

/** y * 2^k for a y near 1 whose result is a normal number: k added to y's exponent, as fdlibm does. */
function scale(y: number, k: number): number {
  bits.setFloat64(0, y);
  bits.setUint32(0, (bits.getUint32(0) + (k << 20)) >>> 0);
  return bits.getFloat64(0);
}

/** The high 32 bits of a double, sign cleared: fdlibm's ranges are stated on them. */
function highWord(x: number): number {
  bits.setFloat64(0, x);
  return bits.getUint32(0) & 0x7fffffff;
}

export function exp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > OVERFLOW) return Infinity;
  if (x < UNDERFLOW) return 0;
  const high = highWord(x);
  if (high < 0x3e300000) return 1 + x; // |x| < 2^-28

  // Reduce: x = k ln2 + r with |r| <= ln2 / 2, r held as hi - lo.
  let k = 0;
  let hi = x;
  let lo = 0;
  if (high > 0x3fd62e42) {
    // |x| > ln2 / 2
    k = high < 0x3ff0a2b2 ? (x < 0 ? -1 : 1) : Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5));
    hi = x - k * LN2_HI; // exact: k has few bits and LN2_HI's low bits are zero
    lo = k * LN2_LO;
  }
  const r = hi - lo;

  // e^r by a rational approximation, then scaled by 2^k.
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((r * c) / (c - 2) - r);
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return k >= -1021 ? scale(y, k) : scale(y, k + 1000) * TWO_TO_MINUS_1000;
}
