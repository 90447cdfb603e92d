import { badInput } from './errors.js';

/** Deterministic uniform [0,1) generator: sfc32 seeded through splitmix32; same sequence for the same seed everywhere. */
export function createRng(seed: number): () => number {
  if (!Number.isFinite(seed)) badInput('seed', `must be a finite number, got ${seed}`);
  const next = splitmix32(seedToUint32(seed));
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  const sfc32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard the first outputs: sfc32 mixes poorly for a few rounds after seeding.
  for (let i = 0; i < 12; i++) sfc32();
  return sfc32;
}

/** Folds any finite number (including non-integers and negatives) into 32 bits, keeping high bits of large seeds. */
function seedToUint32(seed: number): number {
  const integer = Math.trunc(seed);
  const low = integer >>> 0;
  const high = Math.floor(integer / 4294967296) >>> 0;
  const fraction = Math.round((seed - integer) * 4294967296) >>> 0;
  return (low ^ Math.imul(high, 0x9e3779b1) ^ Math.imul(fraction, 0x85ebca6b)) >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}
