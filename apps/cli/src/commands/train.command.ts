import type { Command } from 'commander';
import { trainerPython } from '@clinrank/worker';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { parseChoice, parseInteger, UsageError } from '../cli-errors.js';
import { checkedFlags, trainerEnvironment } from '../trainer-process.js';

function parseNumber(name: string) {
  return (value: string): number => {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number))
      throw new UsageError(`option ${name} must be a number, got "${value}"`);
    return number;
  };
}

function requireFile(option: string, path: string) {
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`${option} ${path}: no such file`);
}

function requireDirectory(option: string, path: string) {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new UsageError(`${option} ${path}: no such directory`);
}

/** Runs the Python trainer in the foreground, its JSON lines on stdout, and resolves to its exit code. */
function runTrainer(args: string[]): Promise<number> {
  const python = trainerPython();
  const child = spawn(python, ['-m', 'clinrank_trainer', ...args], { stdio: 'inherit', env: trainerEnvironment() });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`clinrank: cannot start ${python}: ${error.message} (set CLINRANK_PYTHON)\n`);
      resolve(1);
    });
    child.once('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const device = parseChoice('--device', ['cpu', 'cuda'] as const);

export function registerTrainCommands(program: Command, setExitCode: (code: number) => void) {
  const train = program
    .command('train')
    .description('train locally, without the queue (the same trainer the GPU nodes run)');

  train
    .command('reward-model')
    .description('train a Bradley–Terry reward model on trl or ranking JSON lines')
    .requiredOption('--train <file>', 'training pairs or rankings (JSON lines)')
    .requiredOption('--eval <file>', 'held-out pairs or rankings (JSON lines)')
    .requiredOption('--output <dir>', 'where the model, metrics.json and metrics.jsonl go')
    .option('--base-model <path>', 'local Hugging Face checkpoint (LoRA, bf16); default: the built-in CPU model')
    .option('--device <device>', 'cpu or cuda', device, 'cpu')
    .option('--epochs <n>', 'epochs', parseInteger('--epochs'))
    .option('--seed <n>', 'random seed', parseInteger('--seed'))
    .option('--lr <x>', 'learning rate', parseNumber('--lr'))
    .option('--batch-size <n>', 'prompts per step', parseInteger('--batch-size'))
    .option('--max-length <n>', 'tokens per sequence', parseInteger('--max-length'))
    .option('--layers <n>', 'built-in model: transformer layers', parseInteger('--layers'))
    .option(
      '--keep <which>',
      'weights to save: best (lowest eval loss, default) or last',
      parseChoice('--keep', ['best', 'last'] as const),
    )
    .option('--patience <n>', 'stop after this many epochs without a lower eval loss', parseInteger('--patience'))
    .action(
      async (options: {
        train: string;
        eval: string;
        output: string;
        baseModel?: string;
        device: string;
        epochs?: number;
        seed?: number;
        lr?: number;
        batchSize?: number;
        maxLength?: number;
        layers?: number;
        keep?: string;
        patience?: number;
      }) => {
        requireFile('--train', options.train);
        requireFile('--eval', options.eval);
        if (options.baseModel) requireDirectory('--base-model', options.baseModel);
        const { train: trainFile, eval: evalFile, output, device: chosen, ...tunable } = options;
        const flags = checkedFlags('reward_model', tunable);
        setExitCode(
          await runTrainer([
            'reward-model',
            '--train',
            trainFile,
            '--eval',
            evalFile,
            '--output',
            output,
            '--device',
            chosen,
            ...flags,
          ]),
        );
      },
    );

  train
    .command('ppo')
    .description('PPO against a trained reward model (KL-penalised reward, LoRA policy)')
    .requiredOption(
      '--prompts <file>',
      'prompts (any JSON lines with "prompt"; answers for the warm-up from chosen/ranking/answer)',
    )
    .requiredOption('--reward-model <dir>', 'directory written by `train reward-model`')
    .requiredOption('--output <dir>', 'where the adapter, value model and metrics go')
    .option('--policy <path>', 'local Hugging Face causal LM (default: the built-in CPU policy)')
    .option('--device <device>', 'cpu or cuda', device, 'cpu')
    .option('--steps <n>', 'PPO steps', parseInteger('--steps'))
    .option('--batch-size <n>', 'rollouts per step', parseInteger('--batch-size'))
    .option('--kl-coef <x>', 'β, the KL penalty coefficient', parseNumber('--kl-coef'))
    .option('--adaptive-kl', 'adapt β towards --target-kl')
    .option('--target-kl <x>', 'target KL for the adaptive controller (band: ±50 %)', parseNumber('--target-kl'))
    .option(
      '--kl-horizon <n>',
      'adaptive controller horizon in episodes (default: steps × batch size ÷ 10)',
      parseInteger('--kl-horizon'),
    )
    .option('--lr <x>', 'learning rate', parseNumber('--lr'))
    .option('--max-new-tokens <n>', 'rollout length', parseInteger('--max-new-tokens'))
    .option('--sft-epochs <n>', 'supervised warm-up epochs of the built-in policy', parseInteger('--sft-epochs'))
    .option('--seed <n>', 'random seed', parseInteger('--seed'))
    .action(
      async (
        options: { prompts: string; rewardModel: string; output: string; device: string } & Record<string, unknown>,
      ) => {
        requireFile('--prompts', options.prompts);
        requireDirectory('--reward-model', options.rewardModel);
        if (typeof options.policy === 'string') requireDirectory('--policy', options.policy);
        const { prompts, rewardModel, output, device: chosen, ...tunable } = options;
        const flags = checkedFlags('ppo', tunable);
        setExitCode(
          await runTrainer([
            'ppo',
            '--prompts',
            prompts,
            '--reward-model',
            rewardModel,
            '--output',
            output,
            '--device',
            chosen,
            ...flags,
          ]),
        );
      },
    );
}
