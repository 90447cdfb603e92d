import { describe, expect, it } from '@jest/globals';
import { aggregateVotes } from './aggregate.js';
import { fitPairPosteriors } from './dawid-skene-policy.js';
import { requestToJson } from './manifest.js';
import { memorySink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import { item, label, pairwise, request, response, streamOf } from './test-fixtures.js';
import type { ExportItem } from './types.js';
import { collectVotes } from './votes.js';

const responses = [response('r1'), response('r2')];
const says = (annotator: string, winner: 'r1' | 'r2') =>
  label(annotator, pairwise('r1', 'r2', { overall: { choice: winner === 'r1' ? 'a' : 'b' } }));

/**
 * x, y and z agree on eight items (r1 better on even items, r2 on odd ones); w always says the opposite. On the last
 * item only x and w answer, one vote each.
 */
function dataset(): ExportItem[] {
  const history = Array.from({ length: 8 }, (_, n) => {
    const truth = n % 2 === 0 ? 'r1' : 'r2';
    const wrong = truth === 'r1' ? 'r2' : 'r1';
    return item(`i${n}`, [says('x', truth), says('y', truth), says('z', truth), says('w', wrong)], { responses });
  });
  return [...history, item('i9', [says('x', 'r2'), says('w', 'r1')], { responses })];
}

async function pairsOf(policy: string) {
  const items = dataset();
  const req = request({ policy });
  const used = policy === 'dawid-skene' ? { ...req, pairPosteriors: await fitPairPosteriors(items, req) } : req;
  const last = items[items.length - 1];
  const allowed = new Map(last.responses.map((r) => [r.id, r]));
  return aggregateVotes(last.id, collectVotes(last, last.labels, allowed, used), used);
}

describe('policy dawid-skene', () => {
  it('sides with the reliable annotator where majority sees a split', async () => {
    expect(await pairsOf('majority')).toEqual([]);
    const [pair, ...rest] = await pairsOf('dawid-skene');
    expect(rest).toEqual([]);
    expect(pair).toMatchObject({ chosen: 'r2', rejected: 'r1', tie: false, bothBad: false });
    expect(pair.votes).toMatchObject({ chosen: 1, rejected: 1 });
    expect(pair.probability).toBeGreaterThan(0.9);
    expect(pair.probability).toBeLessThanOrEqual(1);
  });

  it('writes the posterior probability as the margin, and keeps the posteriors out of the manifest', async () => {
    const items = dataset();
    const req = request({ policy: 'dawid-skene', margin: 'probability', split: { train: 1, validation: 0, test: 0 } });
    const posteriors = await fitPairPosteriors(streamOf(items), req);
    const sink = memorySink();
    await exportSnapshot(streamOf(items), { ...req, pairPosteriors: posteriors }, sink);
    const records = sink
      .text('train.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { margin: number });
    expect(records).toHaveLength(9);
    for (const [n, record] of records.entries()) {
      const expected = posteriors.get(`${items[n].id}|r1|r2`);
      expect(expected).toBeDefined();
      expect(record.margin).toBeCloseTo(expected!.probability, 6);
    }
    expect(requestToJson({ ...req, pairPosteriors: posteriors })).not.toHaveProperty('pairPosteriors');
  });

  it('refuses to run without fitted posteriors', async () => {
    const items = dataset();
    await expect(exportSnapshot(streamOf(items), request({ policy: 'dawid-skene' }), memorySink())).rejects.toThrow(
      /fitPairPosteriors/,
    );
  });
});
