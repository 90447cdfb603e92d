import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@clinrank/domain';
import { validateJobSpec, validateOptions } from './job-spec.js';

describe('validateJobSpec', () => {
  it('fills the placement defaults (CPU, one machine) and keeps valid options', () => {
    expect(validateJobSpec({ kind: 'reward_model', options: { epochs: 2, lr: 0.001 } })).toEqual({
      kind: 'reward_model',
      gpus: 0,
      nodes: 1,
      options: { epochs: 2, lr: 0.001 },
    });
  });

  it('rejects an unknown kind naming the field', () => {
    expect(() => validateJobSpec({ kind: 'sft' })).toThrow(
      /kind must be one of reward_model, ppo, evaluate_reward_model/,
    );
  });

  it('rejects an option of another kind, naming it', () => {
    expect(() => validateOptions('reward_model', { klCoef: 0.1 })).toThrow(
      /options.klCoef is not an option of reward_model/,
    );
  });

  it('rejects out-of-range and mistyped values with BadUserInput', () => {
    expect(() => validateOptions('ppo', { steps: 0 })).toThrow(/options.steps must be between 1/);
    expect(() => validateOptions('ppo', { steps: 2.5 })).toThrow(/options.steps must be a whole number/);
    expect(() => validateOptions('ppo', { lr: 0 })).toThrow(/options.lr must be greater than 0/);
    expect(() => validateOptions('ppo', { adaptiveKl: 'yes' })).toThrow(/options.adaptiveKl must be true or false/);
    try {
      validateOptions('reward_model', { maxLength: 4 });
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps best or last weights and a patience, refusing other choices', () => {
    expect(validateOptions('reward_model', { keep: 'last', patience: 3 })).toEqual({ keep: 'last', patience: 3 });
    expect(() => validateOptions('reward_model', { keep: 'median' })).toThrow(
      /options.keep must be one of best, last, got "median"/,
    );
    expect(() => validateOptions('reward_model', { patience: 0 })).toThrow(/options.patience must be between 1/);
  });

  it('refuses several machines for a CPU job', () => {
    expect(() => validateJobSpec({ kind: 'ppo', gpus: 0, nodes: 2 })).toThrow(/nodes above 1 needs gpus/);
    expect(validateJobSpec({ kind: 'ppo', gpus: 8, nodes: 2 }).nodes).toBe(2);
  });
});

describe('bertscore job spec', () => {
  it('keeps the input file, encoder path and layer', () => {
    expect(
      validateJobSpec({
        kind: 'bertscore',
        gpus: 1,
        options: { input: '/vol/bs/input.jsonl', encoder: '/models/arabert', layer: 9 },
      }),
    ).toEqual({
      kind: 'bertscore',
      gpus: 1,
      nodes: 1,
      options: { input: '/vol/bs/input.jsonl', encoder: '/models/arabert', layer: 9 },
    });
  });

  it('requires the input file and rejects a negative layer or a PPO option', () => {
    expect(() => validateJobSpec({ kind: 'bertscore', options: { layer: 3 } })).toThrow(
      /options.input is required for bertscore/,
    );
    expect(() => validateOptions('bertscore', { input: '/f', layer: -1 })).toThrow(/options.layer must be between 0/);
    expect(() => validateOptions('bertscore', { input: '/f', klCoef: 0.1 })).toThrow(
      /options.klCoef is not an option of bertscore/,
    );
    expect(() => validateOptions('bertscore', { input: '' })).toThrow(/options.input must be a non-empty path/);
  });
});
