import { execFile } from 'node:child_process';
import { DomainError, ErrorCode } from '@clinrank/domain';

export interface GpuInfo {
  index: number;
  name: string;
  memoryMiB: number | null;
}

/** Parses `nvidia-smi --query-gpu=index,name,memory.total --format=csv,noheader` ("0, NVIDIA H100 80GB HBM3, 81559 MiB"). */
export function parseNvidiaSmi(output: string): GpuInfo[] {
  const gpus: GpuInfo[] = [];
  for (const line of output.split('\n')) {
    if (!line.trim()) continue;
    const parts = line.split(',').map((part) => part.trim());
    if (parts.length < 3 || !/^\d+$/.test(parts[0]!)) continue;
    const memory = /^(\d+)\s*MiB$/i.exec(parts[parts.length - 1]!);
    gpus.push({
      index: Number(parts[0]),
      name: parts.slice(1, -1).join(', '),
      memoryMiB: memory ? Number(memory[1]) : null,
    });
  }
  return gpus;
}

/** Lists this machine's GPUs through nvidia-smi; an empty list (CPU only) when it is absent or fails. */
export function detectGpus(command = 'nvidia-smi'): Promise<GpuInfo[]> {
  return new Promise((resolve) => {
    execFile(
      command,
      ['--query-gpu=index,name,memory.total', '--format=csv,noheader'],
      { timeout: 10_000 },
      (error, stdout) => {
        resolve(error ? [] : parseNvidiaSmi(stdout));
      },
    );
  });
}

/** Applies `--gpus all|none|0,1` to the detected GPUs; naming a GPU that is not there is a usage error. */
export function selectGpus(option: string, detected: GpuInfo[]): GpuInfo[] {
  const value = option.trim().toLowerCase();
  if (value === 'all') return detected;
  if (value === 'none' || value === '') return [];
  const wanted = value.split(',').map((part) => part.trim());
  return wanted.map((text) => {
    if (!/^\d+$/.test(text))
      throw new DomainError(
        ErrorCode.BadUserInput,
        `--gpus must be all, none or GPU indices like 0,1; got "${option}"`,
        'gpus',
      );
    const gpu = detected.find((candidate) => candidate.index === Number(text));
    if (!gpu)
      throw new DomainError(
        ErrorCode.BadUserInput,
        `--gpus names GPU ${text}, but nvidia-smi lists ${detected.length ? detected.map((g) => g.index).join(',') : 'none'}`,
        'gpus',
      );
    return gpu;
  });
}
