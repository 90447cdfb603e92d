import { describe, expect, it } from '@jest/globals';
import { memorySink } from './sinks.js';
import { exportSnapshot, itemRecords } from './snapshot.js';
import { item, label, pairwise, request, response, streamOf } from './test-fixtures.js';
import type { ExportItem } from './types.js';

const records = (testItem: ExportItem, options: Record<string, unknown>) =>
  itemRecords(testItem, request(options)).records;

const dialogue = item('d1', [label('x', pairwise('r1', 'r2', { overall: { choice: 'a', strength: 'much' } }))], {
  prompt: undefined,
  messages: [
    { role: 'user', content: 'I have chest pain.' },
    { role: 'assistant', content: 'Since when?' },
    { role: 'user', content: 'Two hours.' },
  ],
  responses: [response('r1', { text: 'Call emergency services now.' }), response('r2', { text: 'Rest and see.' })],
});

describe('trl', () => {
  it('writes prompt, chosen, rejected, margin (when asked), metadata in that order', () => {
    const rated = item('i1', [label('x', pairwise('r1', 'r2', { overall: { choice: 'b', strength: 'slightly' } }))]);
    expect(Object.keys(records(rated, { policy: 'per-annotator' })[0])).toEqual([
      'prompt',
      'chosen',
      'rejected',
      'metadata',
    ]);
    const [record] = records(rated, { policy: 'per-annotator', margin: 'votes' });
    expect(Object.keys(record)).toEqual(['prompt', 'chosen', 'rejected', 'margin', 'metadata']);
    expect(record).toMatchObject({ prompt: 'question i1\n\n', chosen: 'answer r2', rejected: 'answer r1', margin: 1 });
    const metadata = record.metadata as Record<string, any>;
    expect(Object.keys(metadata)).toEqual([...Object.keys(metadata)].sort());
    expect(metadata).toMatchObject({
      itemId: 'i1',
      annotatorCount: 1,
      annotatorId: 'x',
      chosen: { id: 'r2', source: 'model', model: 'm1' },
      rejected: { id: 'r1' },
    });
  });

  it('ends the prompt with a separator, since TRL concatenates prompt and answer: "\\n\\n", or "Assistant: " after a dialogue', () => {
    expect(records(item('i0', [label('x', pairwise('r1', 'r2', { overall: { choice: 'a' } }))]), {})[0].prompt).toBe(
      'question i0\n\n',
    );
    const [record] = records(dialogue, {});
    expect(record.prompt).toBe('User: I have chest pain.\n\nAssistant: Since when?\n\nUser: Two hours.\n\nAssistant: ');
    expect(record.chosen).toBe('Call emergency services now.');
  });

  it('leaves out metadata when asked (strict trainers), and margin unless asked', () => {
    const [record] = records(dialogue, { noMetadata: true });
    expect(Object.keys(record)).toEqual(['prompt', 'chosen', 'rejected']);
  });

  it('never writes a tie, and refuses ties: keep for every chosen/rejected format', () => {
    const tied = item('i2', [label('x', pairwise('r2', 'r1', { overall: { choice: 'tie' } }))]);
    expect(records(tied, {})).toEqual([]);
    for (const format of ['trl', 'trl-conversational', 'openrlhf']) {
      expect(() => request({ format, ties: 'keep' })).toThrow(`ties keep is refused for ${format}`);
    }
    expect(request({ format: 'ranking', ties: 'keep' }).ties).toBe('keep');
    expect(request({ format: 'raw', ties: 'keep' }).ties).toBe('keep');
  });
});

describe('identical texts', () => {
  it('drops a pair whose answers are equal after trimming, whatever the votes, and counts it', async () => {
    const twins = item('i9', [label('x', pairwise('r1', 'r2', { overall: { choice: 'a', strength: 'much' } }))], {
      responses: [response('r1', { text: 'Take ibuprofen.' }), response('r2', { text: '  Take ibuprofen.\n' })],
    });
    for (const format of ['trl', 'trl-conversational', 'openrlhf', 'kto', 'ranking'])
      expect(records(twins, { format })).toEqual([]);
    const stats = await exportSnapshot(streamOf([twins]), request({}), memorySink());
    expect(stats.pairsDroppedIdenticalText).toBe(1);
    expect(stats.excluded['no-records']).toBe(1);
  });
});

describe('trl-conversational', () => {
  it('keeps every dialogue turn and wraps answers as one assistant message', () => {
    const [record] = records(dialogue, { format: 'trl-conversational' });
    expect(record.prompt).toEqual(dialogue.messages);
    expect(record.chosen).toEqual([{ role: 'assistant', content: 'Call emergency services now.' }]);
    expect(record.rejected).toEqual([{ role: 'assistant', content: 'Rest and see.' }]);
  });
});

describe('openrlhf', () => {
  it('always writes the prompt key; --chat writes message lists and no prompt key', () => {
    const [plain] = records(dialogue, { format: 'openrlhf', metadata: false });
    expect(Object.keys(plain)).toEqual(['prompt', 'chosen', 'rejected']);
    const [chat] = records(dialogue, { format: 'openrlhf', chat: true, metadata: false });
    expect(chat).toEqual({
      chosen: [...(dialogue.messages ?? []), { role: 'assistant', content: 'Call emergency services now.' }],
      rejected: [...(dialogue.messages ?? []), { role: 'assistant', content: 'Rest and see.' }],
    });
    expect(() => request({ format: 'trl', chat: true })).toThrow('chat only applies to format openrlhf');
  });

  it('uses the configured keys', () => {
    const [record] = records(dialogue, {
      format: 'openrlhf',
      promptKey: 'context',
      chosenKey: 'better',
      rejectedKey: 'worse',
      metadata: false,
      margin: 'probability',
    });
    expect(Object.keys(record)).toEqual(['context', 'better', 'worse', 'margin']);
    expect(record.better).toBe('Call emergency services now.');
  });
});

describe('kto', () => {
  it('splits a pair into a desirable and an undesirable completion', () => {
    const rows = records(dialogue, { format: 'kto', metadata: false });
    const prompt = 'User: I have chest pain.\n\nAssistant: Since when?\n\nUser: Two hours.\n\nAssistant: ';
    expect(rows).toEqual([
      { prompt, completion: 'Call emergency services now.', label: true },
      { prompt, completion: 'Rest and see.', label: false },
    ]);
  });

  it('marks both answers of a "both bad" pair undesirable, even when ties are dropped', () => {
    const bad = item('i3', [label('x', pairwise('r1', 'r2', { overall: { choice: 'both_bad' } }))]);
    expect(records(bad, { format: 'kto' }).map((row) => row.label)).toEqual([false, false]);
    expect(records(bad, { format: 'trl' })).toEqual([]);
  });

  it('from ratings: one row per answer, labelled from its mean rating, desirable above the middle of the scale', () => {
    // 1–5, middle 3. r1: 2 and 3 → 2.5 false; r2: 5 and 4 → 4.5 true; r3: 3 and 3 → 3 false (not above the middle);
    // r4 4 and 5 but the same text as r2 → one row with r2, mean of all four 4.5.
    const rated = item(
      'i4',
      [
        label('x', { kind: 'rating', scores: { overall: { r1: 2, r2: 5, r3: 3, r4: 4 } } }),
        label('y', { kind: 'rating', scores: { overall: { r1: 3, r2: 4, r3: 3, r4: 5 } } }),
      ],
      {
        responses: [
          response('r1'),
          response('r2', { text: 'same' }),
          response('r3'),
          response('r4', { text: ' same\n' }),
        ],
      },
    );
    for (const policy of ['per-annotator', 'majority', 'bradley-terry']) {
      const rows = records(rated, { format: 'kto', policy });
      expect(rows.map((row) => `${row.completion}:${row.label}`)).toEqual([
        'answer r1:false',
        'same:true',
        'answer r3:false',
      ]);
    }
    expect(records(rated, { format: 'kto' })[1].metadata as any).toMatchObject({
      rating: 4.5,
      ratings: 4,
      sameTextAs: ['r4'],
      completion: { id: 'r2' },
    });
    // --desirable-min 3: r3's 3 is desirable now; r1's 2.5 is not.
    expect(records(rated, { format: 'kto', desirableMin: 3 }).map((row) => row.label)).toEqual([false, true, true]);
  });

  it('from ratings: a rejected answer rated high stays desirable (it was always false before)', () => {
    const rated = item('i5', [label('x', { kind: 'rating', scores: { overall: { r1: 5, r2: 4 } } })], {
      responses: [response('r1'), response('r2')],
    });
    expect(records(rated, { format: 'kto' }).map((row) => row.label)).toEqual([true, true]);
  });
});

describe('ranking', () => {
  it('writes completions in id order and their indices best first, one record per label under per-annotator', () => {
    const ranked = item('i5', [
      label('x', { kind: 'ranking', ranking: [['r3'], ['r1'], ['r2']] }),
      label('y', { kind: 'ranking', ranking: [['r1'], ['r3'], ['r2']] }),
    ]);
    const rows = records(ranked, { format: 'ranking', policy: 'per-annotator', metadata: false });
    expect(rows).toEqual([
      { prompt: 'question i5\n\n', completions: ['answer r1', 'answer r2', 'answer r3'], ranking: [2, 0, 1] },
      { prompt: 'question i5\n\n', completions: ['answer r1', 'answer r2', 'answer r3'], ranking: [0, 2, 1] },
    ]);
  });

  it('aggregates into one record per item by Copeland score; equal scores are one tie group', () => {
    // Majority: r1~r3 split 1–1 → dropped; r1>r2 and r3>r2 unanimous. Copeland r1 +1, r3 +1, r2 −2 → {r1, r3}, r2.
    const ranked = item('i6', [
      label('x', { kind: 'ranking', ranking: [['r3'], ['r1'], ['r2']] }),
      label('y', { kind: 'ranking', ranking: [['r1'], ['r3'], ['r2']] }),
    ]);
    const [row] = records(ranked, { format: 'ranking' });
    expect(row.ranking).toEqual([[0, 2], 1]);
    expect((row.metadata as any).responses.map((r: any) => r.copeland)).toEqual([1, -2, 1]);
  });
});

describe('ranking ties', () => {
  it('a pair voted tie, tie, a is one tie group, never [0, 1]', () => {
    const votes = ['tie', 'tie', 'a'].map((choice, index) =>
      label(`c${index}`, pairwise('r1', 'r2', { overall: { choice: choice as 'a' } })),
    );
    const [row] = records(item('i8', votes, { responses: [response('r1'), response('r2')] }), {
      format: 'ranking',
      metadata: false,
    });
    expect(row).toEqual({ prompt: 'question i8\n\n', completions: ['answer r1', 'answer r2'], ranking: [[0, 1]] });
  });

  it('keeps a rating tie as a group in the middle: 5, 3, 3, 1 → [0, [1, 2], 3]', () => {
    const rated = item('i9', [label('x', { kind: 'rating', scores: { overall: { r1: 5, r2: 3, r3: 3, r4: 1 } } })], {
      responses: ['r1', 'r2', 'r3', 'r4'].map((id) => response(id)),
    });
    expect(records(rated, { format: 'ranking', policy: 'per-annotator' })[0].ranking).toEqual([0, [1, 2], 3]);
  });
});

describe('raw', () => {
  it('writes one record per label and criterion with everything recorded', () => {
    const labels = [
      label('ann-7', pairwise('r1', 'r2', { safety: { choice: 'a' }, overall: { choice: 'b', strength: 'much' } }), {
        displayOrder: ['r2', 'r1'],
        timeSpentMs: 4200,
        guidelineVersion: 3,
        flags: ['factual_error'],
      }),
      label('ann-8', { kind: 'rating', scores: { overall: { r2: 4, r1: 2 } } }),
    ];
    const rows = records(item('i7', labels), { format: 'raw', metadata: false });
    expect(rows.map((row) => `${row.annotatorId}/${row.criterion}`)).toEqual([
      'ann-7/overall',
      'ann-7/safety',
      'ann-8/overall',
    ]);
    expect(rows[0]).toMatchObject({
      itemId: 'i7',
      labelKind: 'pairwise',
      choice: 'b',
      strength: 'much',
      chosen: 'r2',
      displayOrder: ['r2', 'r1'],
      timeSpentMs: 4200,
      guidelineVersion: 3,
      flags: ['factual_error'],
    });
    expect(rows[2].scores).toEqual([
      { responseId: 'r1', value: 2 },
      { responseId: 'r2', value: 4 },
    ]);
    expect(Object.keys(rows[0])).toEqual(Object.keys(rows[2]));
  });
});

describe('sft', () => {
  it('turns each rewrite into a conversation ending with the rewritten answer', () => {
    const rewritten = {
      ...dialogue,
      labels: [{ ...dialogue.labels[0], rewrite: 'Call 112 now: chest pain for two hours needs an ECG.' }],
    };
    const [row] = records(rewritten, { format: 'sft', metadata: false });
    expect(row).toEqual({
      messages: [
        ...(dialogue.messages ?? []),
        { role: 'assistant', content: 'Call 112 now: chest pain for two hours needs an ECG.' },
      ],
    });
    expect(records(dialogue, { format: 'sft' })).toEqual([]);
  });
});
