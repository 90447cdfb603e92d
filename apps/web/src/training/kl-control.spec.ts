import { describe, expect, it } from '@jest/globals';
import { formatStep, klControl } from './kl-control.js';

describe('klControl', () => {
  it('reads the target and band from the run options and β from its series', () => {
    const run = { config: { kind: 'ppo', options: { adaptiveKl: true, targetKl: 3, klCoef: 0.005 } } };
    const metrics = [{ name: 'objective/kl_coef', attempt: 1, steps: [1, 2, 3], values: [0.005, null, 0.02] }];
    expect(klControl(run, metrics)).toEqual({
      adaptive: true,
      target: 3,
      bandLow: 1.5,
      bandHigh: 4.5,
      betaFirst: 0.005,
      betaLast: 0.02,
    });
  });

  it("falls back to the trainer's defaults and reports no β before the first step", () => {
    expect(klControl({ config: { kind: 'ppo', options: {} } }, [])).toEqual({
      adaptive: false,
      target: 6,
      bandLow: 3,
      bandHigh: 9,
      betaFirst: null,
      betaLast: null,
    });
    expect(klControl({ config: null }, []).target).toBe(6);
  });
});

describe('formatStep', () => {
  it('prints whole steps without decimals and rounds the rest', () => {
    expect(formatStep(700)).toBe('700');
    expect(formatStep(12.5)).toBe('12.5');
    expect(formatStep(1 / 3)).toBe('0.333');
  });
});
