import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  confineModelPaths,
  parseModelRoots,
  presentRunConfig,
  resolveModelPath,
  trainerEnvironment,
} from './sandbox.js';

let dir: string;
let root: string;

beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'clinrank-sandbox-')));
  root = join(dir, 'models');
  mkdirSync(join(root, 'bert-tiny'), { recursive: true });
  mkdirSync(join(dir, 'elsewhere'));
  symlinkSync(join(dir, 'elsewhere'), join(root, 'escape'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('model roots', () => {
  it('accepts a model under a root, by absolute path or by name', () => {
    expect(resolveModelPath('options.encoder', join(root, 'bert-tiny'), [root])).toBe(join(root, 'bert-tiny'));
    expect(resolveModelPath('options.encoder', 'bert-tiny', [root])).toBe(join(root, 'bert-tiny'));
  });

  it('refuses other folders, .. escapes, symlinks out, missing models and an empty MODEL_ROOTS, naming the option', () => {
    expect(() => resolveModelPath('options.encoder', '/etc', [root])).toThrow(
      /options\.encoder "\/etc" is not under MODEL_ROOTS/,
    );
    expect(() => resolveModelPath('options.encoder', '../elsewhere', [root])).toThrow(/not under MODEL_ROOTS/);
    expect(() => resolveModelPath('options.encoder', 'escape', [root])).toThrow(/not under MODEL_ROOTS/);
    expect(() => resolveModelPath('options.encoder', join(root, 'nope'), [root])).toThrow(
      /does not exist under MODEL_ROOTS/,
    );
    expect(() => resolveModelPath('options.baseModel', 'bert-tiny', [])).toThrow(/no MODEL_ROOTS are configured/);
  });

  it('confines only the options that name models, per kind', () => {
    expect(confineModelPaths('reward_model', { baseModel: 'bert-tiny', epochs: 2 }, [root])).toEqual({
      baseModel: join(root, 'bert-tiny'),
      epochs: 2,
    });
    expect(() => confineModelPaths('ppo', { policy: '/usr' }, [root])).toThrow(/options\.policy/);
  });

  it('reads MODEL_ROOTS and refuses relative entries', () => {
    expect(parseModelRoots(`${root}:${join(dir, 'elsewhere')}`)).toEqual([root, join(dir, 'elsewhere')]);
    expect(parseModelRoots(undefined)).toEqual([]);
    expect(() => parseModelRoots('models')).toThrow(/not an absolute path/);
  });

  it('shows people model names and file names, never server paths', () => {
    const shown = presentRunConfig(
      'bertscore',
      {
        kind: 'bertscore',
        options: {
          input: '/srv/clinrank/artifacts/bertscore/x/input.jsonl',
          encoder: join(root, 'bert-tiny'),
          layer: 2,
        },
      },
      [root],
    );
    expect(shown).toEqual({ kind: 'bertscore', options: { input: 'input.jsonl', encoder: 'bert-tiny', layer: 2 } });
    expect(
      JSON.stringify(presentRunConfig('reward_model', { options: { baseModel: '/old/place/llama' } }, [root])),
    ).not.toContain('/old/place');
  });
});

describe('trainer environment', () => {
  it('passes an allow-list to a real child: no DATABASE_URL, JWT_SECRET, AWS keys or PG variables', () => {
    const parent = {
      PATH: process.env.PATH,
      HOME: '/home/x',
      DATABASE_URL: 'postgres://u:p@h/db',
      JWT_SECRET: 's'.repeat(40),
      AWS_SECRET_ACCESS_KEY: 'k',
      PGPASSWORD: 'p',
      METRICS_TOKEN: 't',
      CUDA_VISIBLE_DEVICES: '0',
      RANDOM_APP_SETTING: 'x',
    };
    const env = trainerEnvironment(parent, { PYTHONPATH: '/trainer', PYTHONUNBUFFERED: '1' });
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify(process.env))'], {
      env,
      encoding: 'utf8',
    });
    const seen = JSON.parse(child.stdout) as Record<string, string>;
    expect(seen).toMatchObject({
      HOME: '/home/x',
      CUDA_VISIBLE_DEVICES: '0',
      PYTHONPATH: '/trainer',
      HF_HUB_OFFLINE: '1',
    });
    for (const name of [
      'DATABASE_URL',
      'JWT_SECRET',
      'AWS_SECRET_ACCESS_KEY',
      'PGPASSWORD',
      'METRICS_TOKEN',
      'RANDOM_APP_SETTING',
    ])
      expect(seen[name]).toBeUndefined();
  });

  it("passes the trainer's silent-phase test hook on, and the launch plan's own variables over the parent's", () => {
    const env = trainerEnvironment(
      { CLINRANK_TRAINER_SILENT_SECONDS: '120', CLINRANK_OTHER: 'x' },
      { CLINRANK_AGENT_PID: '42' },
    );
    expect(env).toMatchObject({ CLINRANK_TRAINER_SILENT_SECONDS: '120', CLINRANK_AGENT_PID: '42' });
    expect(env.CLINRANK_OTHER).toBeUndefined();
  });
});
