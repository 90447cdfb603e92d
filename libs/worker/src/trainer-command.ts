import type { JobSpec } from './job-spec.js';

/** Files the agent prepared for one run. */
export interface RunPaths {
  /** Materialized snapshot directory (train.jsonl, validation.jsonl, test.jsonl). */
  dataDir: string;
  /** Where the trainer writes its model and metrics. */
  outputDir: string;
  /** Reward model directory (ppo, evaluate_reward_model). */
  rewardModelDir?: string;
}

const FLAG_NAMES: Record<string, string> = {
  epochs: '--epochs',
  seed: '--seed',
  lr: '--lr',
  batchSize: '--batch-size',
  maxLength: '--max-length',
  layers: '--layers',
  dim: '--dim',
  centerRewardsCoef: '--center-rewards-coef',
  loggingSteps: '--logging-steps',
  baseModel: '--base-model',
  keep: '--keep',
  patience: '--patience',
  steps: '--steps',
  klCoef: '--kl-coef',
  adaptiveKl: '--adaptive-kl',
  targetKl: '--target-kl',
  klHorizon: '--kl-horizon',
  maxNewTokens: '--max-new-tokens',
  sftEpochs: '--sft-epochs',
  missingEosPenalty: '--missing-eos-penalty',
  policy: '--policy',
  encoder: '--encoder',
  layer: '--layer',
};

/** Turns validated options into trainer flags, in a stable order (booleans become bare flags when true). */
export function optionFlags(options: Record<string, unknown>): string[] {
  const flags: string[] = [];
  for (const name of Object.keys(options).sort()) {
    const flag = FLAG_NAMES[name];
    const value = options[name];
    if (!flag || value === undefined || value === null || value === false) continue;
    if (value === true) flags.push(flag);
    else flags.push(flag, String(value));
  }
  return flags;
}

/** The `clinrank_trainer` sub-command and its arguments for a job (without the python/accelerate prefix). */
export function trainerArguments(spec: JobSpec, paths: RunPaths, device: 'cpu' | 'cuda'): string[] {
  const join = (file: string) => `${paths.dataDir}/${file}`;
  const common = ['--device', device];
  switch (spec.kind) {
    case 'reward_model':
      return [
        'reward-model',
        '--train',
        join('train.jsonl'),
        '--eval',
        join('validation.jsonl'),
        '--output',
        paths.outputDir,
        ...common,
        ...optionFlags(spec.options as Record<string, unknown>),
      ];
    case 'ppo':
      if (!paths.rewardModelDir) throw new Error('a ppo job needs the reward model directory');
      return [
        'ppo',
        '--prompts',
        join('train.jsonl'),
        '--reward-model',
        paths.rewardModelDir,
        '--output',
        paths.outputDir,
        ...common,
        ...optionFlags(spec.options as Record<string, unknown>),
      ];
    case 'evaluate_reward_model':
      if (!paths.rewardModelDir) throw new Error('an evaluate_reward_model job needs the reward model directory');
      return [
        'evaluate-reward-model',
        '--model',
        paths.rewardModelDir,
        '--data',
        join('test.jsonl'),
        '--output',
        paths.outputDir,
        ...common,
        ...optionFlags(spec.options as Record<string, unknown>),
      ];
    case 'bertscore': {
      // `input` has no flag in FLAG_NAMES, so optionFlags leaves it out; it is passed explicitly here.
      const { input, ...rest } = spec.options;
      return [
        'bertscore',
        '--input',
        input,
        '--output',
        paths.outputDir,
        ...common,
        ...optionFlags(rest as Record<string, unknown>),
      ];
    }
  }
}

/** Multi-node coordinates, for accelerate's num_machines / machine_rank / main_process_ip. */
export interface MachineCoordinates {
  numMachines: number;
  machineRank: number;
  mainProcessIp: string;
  mainProcessPort: number;
}

/** accelerate's config file for `accelerate launch --config_file`: one process per GPU, on one or several machines. */
export function accelerateConfigYaml(
  gpuIndices: number[],
  machines: MachineCoordinates = { numMachines: 1, machineRank: 0, mainProcessIp: '127.0.0.1', mainProcessPort: 29500 },
): string {
  if (gpuIndices.length === 0) throw new Error('accelerate config needs at least one GPU');
  const lines = [
    'compute_environment: LOCAL_MACHINE',
    `distributed_type: ${gpuIndices.length * machines.numMachines > 1 ? 'MULTI_GPU' : 'NO'}`,
    'downcast_bf16: "no"',
    `gpu_ids: "${gpuIndices.join(',')}"`,
    `machine_rank: ${machines.machineRank}`,
    `main_process_ip: ${machines.mainProcessIp}`,
    `main_process_port: ${machines.mainProcessPort}`,
    'main_training_function: main',
    'mixed_precision: bf16',
    `num_machines: ${machines.numMachines}`,
    `num_processes: ${gpuIndices.length * machines.numMachines}`,
    'rdzv_backend: static',
    'same_network: true',
    'use_cpu: false',
  ];
  return lines.join('\n') + '\n';
}

export interface LaunchPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Contents of the accelerate config file to write at `configPath` before launching, when accelerate is used. */
  accelerateConfig: string | null;
}

export interface LaunchContext {
  python: string;
  trainerRoot: string;
  gpuIndices: number[];
  configPath: string;
  machines?: MachineCoordinates;
}

/** How to start the trainer: plain `python -m clinrank_trainer` on one device, `accelerate launch` on several GPUs or machines. */
export function launchPlan(spec: JobSpec, paths: RunPaths, context: LaunchContext): LaunchPlan {
  const device = context.gpuIndices.length > 0 ? 'cuda' : 'cpu';
  const trainerArgs = trainerArguments(spec, paths, device);
  const env: Record<string, string> = { PYTHONPATH: context.trainerRoot, PYTHONUNBUFFERED: '1' };
  if (device === 'cpu') env.CUDA_VISIBLE_DEVICES = '';
  else env.CUDA_VISIBLE_DEVICES = context.gpuIndices.join(',');
  const machines = context.machines ?? {
    numMachines: 1,
    machineRank: 0,
    mainProcessIp: '127.0.0.1',
    mainProcessPort: 29500,
  };
  const distributed = context.gpuIndices.length > 1 || machines.numMachines > 1;
  if (!distributed)
    return { command: context.python, args: ['-m', 'clinrank_trainer', ...trainerArgs], env, accelerateConfig: null };
  return {
    command: context.python,
    args: [
      '-m',
      'accelerate.commands.launch',
      '--config_file',
      context.configPath,
      '-m',
      'clinrank_trainer',
      ...trainerArgs,
    ],
    env,
    accelerateConfig: accelerateConfigYaml(context.gpuIndices, machines),
  };
}
