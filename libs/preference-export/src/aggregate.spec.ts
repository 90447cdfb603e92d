import { describe, expect, it } from '@jest/globals';
import { aggregateVotes } from './aggregate.js';
import { itemRecords } from './snapshot.js';
import { item, label, pairwise, request, response } from './test-fixtures.js';
import type { ExportItem } from './types.js';
import { collectVotes } from './votes.js';

function pairsOf(testItem: ExportItem, options: Record<string, unknown> = {}) {
  const req = request(options);
  const allowed = new Map(testItem.responses.map((r) => [r.id, r]));
  return aggregateVotes(testItem.id, collectVotes(testItem, testItem.labels, allowed, req), req);
}

const brief = (pairs: ReturnType<typeof pairsOf>) =>
  pairs.map((p) => `${p.chosen}>${p.rejected}${p.tie ? ' tie' : ''}${p.bothBad ? ' bad' : ''}`);

describe('pairs from each label kind', () => {
  it('pairwise: reads the chosen criterion', () => {
    const labels = [
      label('x', pairwise('r1', 'r2', { overall: { choice: 'b', strength: 'much' }, safety: { choice: 'a' } })),
      label('y', pairwise('r2', 'r3', { overall: { choice: 'a', strength: 'slightly' } })),
      label('z', pairwise('r1', 'r3', { overall: { choice: 'a' } })),
    ];
    const testItem = item('i1', labels);
    expect(brief(pairsOf(testItem, { policy: 'per-annotator' }))).toEqual(['r2>r1', 'r1>r3', 'r2>r3']);
    expect(brief(pairsOf(testItem, { policy: 'per-annotator', criterion: 'safety' }))).toEqual(['r1>r2']);
  });

  it('ranking: all K·(K−1)/2 pairs; a tied group gives a tie', () => {
    const testItem = item('i1', [label('x', { kind: 'ranking', ranking: [['r2'], ['r1', 'r3']] })]);
    // K = 3 → 3 pairs: r2>r1 (gap 1), r2>r3 (gap 1), r1~r3 (same group).
    const pairs = pairsOf(testItem, { policy: 'per-annotator', format: 'ranking', ties: 'keep' });
    expect(brief(pairs)).toEqual(['r2>r1', 'r1>r3 tie', 'r2>r3']);
    expect(pairsOf(item('i2', testItem.labels), { policy: 'per-annotator', criterion: 'safety' })).toEqual([]);
  });

  it('rating: differently scored responses give a pair, equal scores a tie', () => {
    const testItem = item('i1', [
      label('x', { kind: 'rating', scores: { overall: { r1: 2, r2: 5, r3: 2 }, safety: { r1: 5, r2: 1 } } }),
    ]);
    const pairs = pairsOf(testItem, { policy: 'per-annotator' });
    expect(brief(pairs)).toEqual(['r2>r1', 'r1>r3 tie', 'r2>r3']);
    expect(pairs[0]).toMatchObject({ chosenScore: 5, rejectedScore: 2 });
    expect(brief(pairsOf(testItem, { policy: 'per-annotator', criterion: 'safety' }))).toEqual(['r1>r2']);
  });

  it('validation: accept and fix vote for the proposal, a fix replaces the text, reject votes against', () => {
    const proposal = { proposedPair: { chosen: 'r1', rejected: 'r2' } };
    const fix = label('x', { kind: 'validation', response: 'r2', verdict: 'fix', fixedText: 'clearly wrong, fixed' });
    const pairs = pairsOf(item('i1', [fix], proposal), { policy: 'per-annotator' });
    expect(brief(pairs)).toEqual(['r1>r2']);
    expect(pairs[0].texts).toEqual({ r2: 'clearly wrong, fixed' });
    const reject = label('y', { kind: 'validation', response: 'r2', verdict: 'reject' });
    expect(pairsOf(item('i2', [reject], proposal), { policy: 'per-annotator' })).toEqual([]);
    // acceptedOnly false ignores verdicts and exports the generator's proposal as it was.
    const unvalidated = pairsOf(item('i3', [reject], proposal), { acceptedOnly: false });
    expect(brief(unvalidated)).toEqual(['r1>r2']);
    expect(unvalidated[0].texts).toEqual({});
  });
});

describe('aggregation policies', () => {
  // Three annotators on r1 vs r2: two prefer r1 (much, slightly), one prefers r2.
  const votes = [
    label('x', pairwise('r1', 'r2', { overall: { choice: 'a', strength: 'much' } })),
    label('y', pairwise('r2', 'r1', { overall: { choice: 'b', strength: 'slightly' } })),
    label('z', pairwise('r1', 'r2', { overall: { choice: 'b' } })),
  ];
  const split = item('i1', votes);

  it('per-annotator keeps every vote as its own pair', () => {
    const pairs = pairsOf(split, { policy: 'per-annotator' });
    expect(brief(pairs)).toEqual(['r1>r2', 'r1>r2', 'r2>r1']);
    expect(pairs.map((p) => p.annotatorId)).toEqual(['x', 'y', 'z']);
  });

  it('majority keeps the winner when its share reaches minAgreement', () => {
    const [pair] = pairsOf(split, { policy: 'majority' });
    expect(brief([pair])).toEqual(['r1>r2']);
    expect(pair.votes).toEqual({ chosen: 2, rejected: 1, tie: 0, bothBad: 0, invalid: 0 });
    expect(pair.agreement).toBeCloseTo(2 / 3, 12);
    expect(pair.annotators).toEqual(['x', 'y', 'z']);
    expect(pairsOf(split, { policy: 'majority', minAgreement: 0.7 })).toEqual([]);
  });

  it('majority drops a pair without a unique most common outcome', () => {
    const even = item('i2', votes.slice(1));
    expect(pairsOf(even, { policy: 'majority' })).toEqual([]);
  });

  it('unanimous keeps only pairs on which every vote agrees', () => {
    expect(pairsOf(split, { policy: 'unanimous' })).toEqual([]);
    expect(brief(pairsOf(item('i3', votes.slice(0, 2)), { policy: 'unanimous' }))).toEqual(['r1>r2']);
  });

  it('bradley-terry orders every fitted pair of a connected group by strength; P(chosen ≻ rejected) is σ(strength gap)', () => {
    // r1 beats r2 twice, r2 beats r3 twice: strengths r1 > r2 > r3, and r1>r3 is inferred without a direct vote.
    const chain = item('i4', [
      label('x', pairwise('r1', 'r2', { overall: { choice: 'a' } })),
      label('y', pairwise('r1', 'r2', { overall: { choice: 'a' } })),
      label('x', pairwise('r2', 'r3', { overall: { choice: 'a' } })),
      label('y', pairwise('r2', 'r3', { overall: { choice: 'a' } })),
    ]);
    const pairs = pairsOf(chain, { policy: 'bradley-terry' });
    expect(pairs.map((p) => `${p.chosen}>${p.rejected}`)).toEqual(['r1>r2', 'r1>r3', 'r2>r3']);
    const logit = (id: string) => {
      const p = pairs.find((pair) => `${pair.chosen}>${pair.rejected}` === id)?.probability as number;
      return Math.log(p / (1 - p));
    };
    expect(logit('r1>r3')).toBeCloseTo(logit('r1>r2') + logit('r2>r3'), 5);
    expect(logit('r1>r2')).toBeGreaterThan(0);
    expect(pairs[1].votes.chosen + pairs[1].votes.rejected).toBe(0);
    expect(pairs[1].agreement).toBeNull();
  });

  it('bradley-terry pairs only answers of one connected comparison group', () => {
    // A>B ×3 and C>D ×1 (r1..r4): nothing links {r1, r2} to {r3, r4}, so C>B, A>C, D>B… must not appear.
    const islands = item(
      'i6',
      [
        ...['x', 'y', 'z'].map((annotator) => label(annotator, pairwise('r1', 'r2', { overall: { choice: 'a' } }))),
        label('x', pairwise('r3', 'r4', { overall: { choice: 'a' } })),
      ],
      { responses: ['r1', 'r2', 'r3', 'r4'].map((id) => response(id)) },
    );
    expect(brief(pairsOf(islands, { policy: 'bradley-terry' }))).toEqual(['r1>r2', 'r3>r4']);
  });

  it('bradley-terry treats a direct 2–2 tie as a tie, even when other comparisons tilt the fit', () => {
    const tilted = item('i7', [
      label('w', pairwise('r1', 'r2', { overall: { choice: 'a' } })),
      label('x', pairwise('r1', 'r2', { overall: { choice: 'a' } })),
      label('y', pairwise('r1', 'r2', { overall: { choice: 'b' } })),
      label('z', pairwise('r1', 'r2', { overall: { choice: 'b' } })),
      label('w', pairwise('r1', 'r3', { overall: { choice: 'a' } })),
    ]);
    const pairs = pairsOf(tilted, { policy: 'bradley-terry', format: 'ranking', ties: 'keep' });
    expect(brief(pairs)).toEqual(['r1>r2 tie', 'r1>r3', 'r2>r3']);
    expect(
      itemRecords(tilted, request({ policy: 'bradley-terry' })).records.map((r) => (r.metadata as any).rejected.id),
    ).toEqual(['r3', 'r3']);
  });

  it('bradley-terry weights annotators: a heavier minority can win', () => {
    const weighted = pairsOf(split, { policy: 'bradley-terry', annotatorWeights: { x: 0.1, y: 0.1, z: 5 } });
    expect(weighted.map((p) => `${p.chosen}>${p.rejected}`)).toEqual(['r2>r1']);
    const unweighted = pairsOf(split, { policy: 'bradley-terry' });
    expect(unweighted.map((p) => `${p.chosen}>${p.rejected}`)).toEqual(['r1>r2']);
  });

  it('minAgreement drops contested pairs under per-annotator too', () => {
    expect(pairsOf(split, { policy: 'per-annotator', minAgreement: 0.9 })).toEqual([]);
  });

  it('drops pairs that involve a response excluded by a response filter', () => {
    const mixed = item('i5', [label('x', { kind: 'ranking', ranking: [['r1'], ['r2'], ['r3']] })], {
      responses: [response('r1'), response('r2', { source: 'synthetic' }), response('r3')],
    });
    const req = request({ policy: 'per-annotator', where: 'source!=synthetic' });
    const allowed = new Map(mixed.responses.filter((r) => r.source !== 'synthetic').map((r) => [r.id, r]));
    const pairs = aggregateVotes(mixed.id, collectVotes(mixed, mixed.labels, allowed, req), req);
    // r2 is gone; r1 still beats r3.
    expect(brief(pairs)).toEqual(['r1>r3']);
  });
});
