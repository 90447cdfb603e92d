import { describe, expect, it } from '@jest/globals';
import { detectGpus, parseNvidiaSmi, selectGpus } from './gpus.js';

const SMI = '0, NVIDIA H100 80GB HBM3, 81559 MiB\n1, NVIDIA H100 80GB HBM3, 81559 MiB\n';

describe('GPUs', () => {
  it('parses nvidia-smi CSV without header', () => {
    expect(parseNvidiaSmi(SMI)).toEqual([
      { index: 0, name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559 },
      { index: 1, name: 'NVIDIA H100 80GB HBM3', memoryMiB: 81559 },
    ]);
    expect(parseNvidiaSmi('No devices were found\n')).toEqual([]);
  });

  it('selects all, none or named GPUs, and refuses a GPU that is not there', () => {
    const gpus = parseNvidiaSmi(SMI);
    expect(selectGpus('all', gpus)).toHaveLength(2);
    expect(selectGpus('none', gpus)).toEqual([]);
    expect(selectGpus('1', gpus).map((gpu) => gpu.index)).toEqual([1]);
    expect(() => selectGpus('2', gpus)).toThrow(/--gpus names GPU 2, but nvidia-smi lists 0,1/);
    expect(() => selectGpus('x', gpus)).toThrow(/--gpus must be all, none/);
  });

  it('falls back to CPU only when nvidia-smi is missing', async () => {
    expect(await detectGpus('/nonexistent/nvidia-smi')).toEqual([]);
  });
});
