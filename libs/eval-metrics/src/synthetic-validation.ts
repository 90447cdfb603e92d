import { VALIDATION_VERDICTS, type ValidationVerdict } from '@clinrank/domain';
import { wilsonInterval } from '@clinrank/statistics';
import { badInput } from './errors.js';

/** One clinician's verdict on a synthetic item from a generator. */
export interface GeneratorVerdict {
  generator: string;
  verdict: ValidationVerdict;
  reasons?: string[];
}

export interface GeneratorValidationStats {
  generator: string;
  n: number;
  accepts: number;
  fixes: number;
  rejects: number;
  /** (accept + fix) / n: the item was usable, possibly after a fix. */
  acceptanceRate: number;
  acceptanceInterval: { low: number; high: number };
  /** accept / n: usable as generated. */
  strictRate: number;
  strictInterval: { low: number; high: number };
  /** Reasons given with rejections, most frequent first (ties by name). */
  rejectionReasons: Array<{ reason: string; count: number }>;
  /** Reasons given with fixes. */
  fixReasons: Array<{ reason: string; count: number }>;
}

/** Acceptance rates (lenient: accept + fix; strict: accept only) with Wilson intervals and reason counts, per generator. */
export function syntheticValidationStats(
  verdicts: readonly GeneratorVerdict[],
  level = 0.95,
): GeneratorValidationStats[] {
  verdicts.forEach((entry, index) => {
    if (typeof entry?.generator !== 'string' || entry.generator === '')
      badInput(`verdicts[${index}].generator`, 'must be a non-empty string');
    if (!(VALIDATION_VERDICTS as readonly string[]).includes(entry.verdict))
      badInput(
        `verdicts[${index}].verdict`,
        `must be one of ${VALIDATION_VERDICTS.join(', ')}, got "${entry.verdict}"`,
      );
  });
  const generators = [...new Set(verdicts.map((entry) => entry.generator))].sort();
  return generators.map((generator) =>
    statsFor(
      generator,
      verdicts.filter((entry) => entry.generator === generator),
      level,
    ),
  );
}

function statsFor(generator: string, verdicts: readonly GeneratorVerdict[], level: number): GeneratorValidationStats {
  const count = (verdict: ValidationVerdict) => verdicts.filter((entry) => entry.verdict === verdict).length;
  const accepts = count('accept');
  const fixes = count('fix');
  const n = verdicts.length;
  return {
    generator,
    n,
    accepts,
    fixes,
    rejects: count('reject'),
    acceptanceRate: (accepts + fixes) / n,
    acceptanceInterval: wilsonInterval(accepts + fixes, n, level),
    strictRate: accepts / n,
    strictInterval: wilsonInterval(accepts, n, level),
    rejectionReasons: reasonCounts(verdicts.filter((entry) => entry.verdict === 'reject')),
    fixReasons: reasonCounts(verdicts.filter((entry) => entry.verdict === 'fix')),
  };
}

function reasonCounts(verdicts: readonly GeneratorVerdict[]): Array<{ reason: string; count: number }> {
  const counts = new Map<string, number>();
  for (const reason of verdicts.flatMap((entry) => entry.reasons ?? []))
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts.entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((x, y) => y.count - x.count || (x.reason < y.reason ? -1 : 1));
}
