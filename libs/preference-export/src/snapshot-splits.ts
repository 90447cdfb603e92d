import { DomainError, ErrorCode } from '@clinrank/domain';

export interface SplitRecords {
  train: number;
  validation: number;
  test: number;
}

/** Records per split from a snapshot manifest (`counts.splits.<split>.records`); a missing count reads as 0. */
export function splitRecords(manifest: unknown): SplitRecords {
  const splits =
    (manifest as { counts?: { splits?: Record<string, { records?: unknown }> } } | null)?.counts?.splits ?? {};
  const records = (name: string) => (typeof splits[name]?.records === 'number' ? (splits[name].records as number) : 0);
  return { train: records('train'), validation: records('validation'), test: records('test') };
}

/** A reward model learns on the train split and is checked on the validation split: both must hold records. */
export function assertTrainable(snapshotId: string, manifest: unknown): void {
  const counts = splitRecords(manifest);
  const empty = (['train', 'validation'] as const).filter((split) => counts[split] === 0);
  if (empty.length === 0) return;
  throw new DomainError(
    ErrorCode.BadUserInput,
    `dataset snapshot ${snapshotId} has no ${empty.join(' and no ')} records (train ${counts.train}, validation ${counts.validation}); export it again with a non-zero ${empty.join(' and ')} fraction and enough labelled items`,
    'snapshotId',
  );
}
