import { describe, expect, it } from '@jest/globals';
import { validateJobSpec } from './job-spec.js';
import { accelerateConfigYaml, launchPlan, optionFlags, trainerArguments } from './trainer-command.js';

const paths = { dataDir: '/w/data', outputDir: '/w/out', rewardModelDir: '/w/rm' };
const context = { python: '/usr/bin/python3', trainerRoot: '/repo/libs/trainer', configPath: '/w/accelerate.yaml' };

describe('trainer command lines', () => {
  it('maps options to flags in name order, booleans as bare flags', () => {
    expect(optionFlags({ steps: 3, adaptiveKl: true, klCoef: 0.1 })).toEqual([
      '--adaptive-kl',
      '--kl-coef',
      '0.1',
      '--steps',
      '3',
    ]);
    expect(optionFlags({ adaptiveKl: false })).toEqual([]);
    expect(optionFlags({ keep: 'last', patience: 2, klHorizon: 320 })).toEqual([
      '--keep',
      'last',
      '--kl-horizon',
      '320',
      '--patience',
      '2',
    ]);
  });

  it('trains a reward model on the train split and evaluates on validation', () => {
    const spec = validateJobSpec({ kind: 'reward_model', options: { epochs: 2 } });
    expect(trainerArguments(spec, paths, 'cpu')).toEqual([
      'reward-model',
      '--train',
      '/w/data/train.jsonl',
      '--eval',
      '/w/data/validation.jsonl',
      '--output',
      '/w/out',
      '--device',
      'cpu',
      '--epochs',
      '2',
    ]);
  });

  it('runs PPO on the train prompts against the reward model', () => {
    const spec = validateJobSpec({ kind: 'ppo', options: { steps: 4 } });
    expect(trainerArguments(spec, paths, 'cpu')).toEqual([
      'ppo',
      '--prompts',
      '/w/data/train.jsonl',
      '--reward-model',
      '/w/rm',
      '--output',
      '/w/out',
      '--device',
      'cpu',
      '--steps',
      '4',
    ]);
  });

  it('scores BERTScore from the input file named in the options, with encoder and layer flags', () => {
    const spec = validateJobSpec({
      kind: 'bertscore',
      options: { input: '/vol/in.jsonl', encoder: '/models/enc', layer: 4, batchSize: 16 },
    });
    expect(trainerArguments(spec, paths, 'cuda')).toEqual([
      'bertscore',
      '--input',
      '/vol/in.jsonl',
      '--output',
      '/w/out',
      '--device',
      'cuda',
      '--batch-size',
      '16',
      '--encoder',
      '/models/enc',
      '--layer',
      '4',
    ]);
    const builtin = validateJobSpec({ kind: 'bertscore', options: { input: '/vol/in.jsonl' } });
    expect(launchPlan(builtin, paths, { ...context, gpuIndices: [] }).args).toEqual([
      '-m',
      'clinrank_trainer',
      'bertscore',
      '--input',
      '/vol/in.jsonl',
      '--output',
      '/w/out',
      '--device',
      'cpu',
    ]);
  });

  it('uses plain python -m on CPU, hiding GPUs', () => {
    const plan = launchPlan(validateJobSpec({ kind: 'reward_model' }), paths, { ...context, gpuIndices: [] });
    expect(plan.command).toBe('/usr/bin/python3');
    expect(plan.args.slice(0, 3)).toEqual(['-m', 'clinrank_trainer', 'reward-model']);
    expect(plan.env).toMatchObject({ PYTHONPATH: '/repo/libs/trainer', CUDA_VISIBLE_DEVICES: '' });
    expect(plan.accelerateConfig).toBeNull();
  });

  it('uses plain python -m on one GPU with --device cuda', () => {
    const plan = launchPlan(validateJobSpec({ kind: 'reward_model', gpus: 1 }), paths, { ...context, gpuIndices: [3] });
    expect(plan.args).toContain('cuda');
    expect(plan.env.CUDA_VISIBLE_DEVICES).toBe('3');
    expect(plan.accelerateConfig).toBeNull();
  });

  it('uses accelerate launch with one process per GPU on several GPUs', () => {
    const plan = launchPlan(validateJobSpec({ kind: 'reward_model', gpus: 2 }), paths, {
      ...context,
      gpuIndices: [0, 1],
    });
    expect(plan.args.slice(0, 6)).toEqual([
      '-m',
      'accelerate.commands.launch',
      '--config_file',
      '/w/accelerate.yaml',
      '-m',
      'clinrank_trainer',
    ]);
    expect(plan.accelerateConfig).toContain('num_processes: 2\n');
    expect(plan.accelerateConfig).toContain('distributed_type: MULTI_GPU\n');
    expect(plan.accelerateConfig).toContain('gpu_ids: "0,1"\n');
  });

  it('writes the multi-node coordinates: 2 machines × 4 GPUs = 8 processes', () => {
    const yaml = accelerateConfigYaml([0, 1, 2, 3], {
      numMachines: 2,
      machineRank: 1,
      mainProcessIp: '10.0.0.5',
      mainProcessPort: 29501,
    });
    expect(yaml).toContain('num_machines: 2\n');
    expect(yaml).toContain('machine_rank: 1\n');
    expect(yaml).toContain('main_process_ip: 10.0.0.5\n');
    expect(yaml).toContain('main_process_port: 29501\n');
    expect(yaml).toContain('num_processes: 8\n');
  });
});
