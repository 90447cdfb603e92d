import { describe, expect, it } from '@jest/globals';
import { createRng } from './rng.js';

describe('createRng', () => {
  it('replays the same sequence for the same seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  });

  it('produces values in [0, 1) with a roughly uniform mean and spread', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 20000 }, () => rng());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const average = values.reduce((s, v) => s + v, 0) / values.length;
    // Uniform(0,1): mean 1/2, sd of the mean √(1/12/20000) ≈ 0.002, so ±0.01 is 5 sd.
    expect(Math.abs(average - 0.5)).toBeLessThan(0.01);
    const lowDecile = values.filter((v) => v < 0.1).length / values.length;
    expect(Math.abs(lowDecile - 0.1)).toBeLessThan(0.01);
  });

  it('distinguishes seeds that differ only above 32 bits or in the fraction', () => {
    expect(createRng(2 ** 32 + 1)()).not.toBe(createRng(1)());
    expect(createRng(1.5)()).not.toBe(createRng(1)());
  });

  it('refuses a non-finite seed', () => {
    expect(() => createRng(Number.NaN)).toThrow(/seed/);
  });
});
