import { describe, expect, it } from '@jest/globals';
import {
  LIVEQA_DIR,
  liveQaPresent,
  readLiveQaJudgments,
  readLiveQaQuestions,
} from '../../../test-support/liveqa-med.js';
import { liveQaItems } from './liveqa-fixtures.js';
import { memorySink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import { request, streamOf } from './test-fixtures.js';

const present = liveQaPresent();
if (!present) console.warn(`SKIPPING LiveQA-Med real-data test: ${LIVEQA_DIR} is absent`);

(present ? describe : describe.skip)('LiveQA-Med 2017 graded answers (real data)', () => {
  it('per-annotator TRL export gives one pair per two differently graded answers, the better graded chosen', async () => {
    const judgments = readLiveQaJudgments();
    const questions = new Map(readLiveQaQuestions().map((q) => [q.qid, q.message]));
    const { items, grades, offScale } = liveQaItems(judgments, questions);
    expect(offScale).toBe(18);

    // Independent count: pairs of answers to the same question with different grades, neither graded −2.
    let expected = 0;
    for (const item of items) {
      const scores = item.responses.map((r) => grades.get(r.id) as number);
      for (let i = 0; i < scores.length; i++)
        for (let j = i + 1; j < scores.length; j++) if (scores[i] !== scores[j]) expected++;
    }
    expect(expected).toBe(737);

    const sink = memorySink();
    const stats = await exportSnapshot(
      streamOf(items),
      request({ policy: 'per-annotator', format: 'trl', scale: '1-4', margin: 'votes' }),
      sink,
    );
    const records = ['train', 'validation', 'test'].flatMap((split) =>
      sink
        .text(`${split}.jsonl`)
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line)),
    );
    expect(records).toHaveLength(737);
    expect(stats.splits.train.records + stats.splits.validation.records + stats.splits.test.records).toBe(737);
    for (const record of records) {
      const chosen = grades.get(record.metadata.chosen.id) as number;
      const rejected = grades.get(record.metadata.rejected.id) as number;
      expect(chosen).toBeGreaterThan(rejected);
      // One assessor, one vote per pair: the vote margin is 1 whatever the grade gap.
      expect(record.margin).toBe(1);
      expect(record.metadata.chosen.score).toBe(chosen);
    }
    const keys = new Set(records.map((record) => `${record.metadata.chosen.id}|${record.metadata.rejected.id}`));
    expect(keys.size).toBe(737);
    // Answers repeated verbatim within a question (all graded alike) make pairs that are dropped and counted.
    let identical = 0;
    for (const entry of items) {
      const texts = entry.responses.map((r) => r.text.trim());
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++) if (texts[i] === texts[j]) identical++;
    }
    expect(identical).toBeGreaterThan(0);
    expect(stats.pairsDroppedIdenticalText).toBe(identical);
    for (const record of records) expect(record.chosen.trim()).not.toBe(record.rejected.trim());
  });

  it('ranking keeps equal grades as tie groups: its implied pairs are exactly the differently graded ones', async () => {
    const { items, grades } = liveQaItems();
    const sink = memorySink();
    await exportSnapshot(streamOf(items), request({ format: 'ranking', scale: '1-4', split: '1,0,0' }), sink);
    const rows = sink
      .text('train.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    let implied = 0;
    let tiedGroups = 0;
    for (const row of rows) {
      const ids: string[] = row.metadata.responses.map((response: { id: string }) => response.id);
      const tiers: number[][] = row.ranking.map((group: number | number[]) => (Array.isArray(group) ? group : [group]));
      const tierGrades = tiers.map((tier) => new Set(tier.map((index) => grades.get(ids[index]))));
      // Each group holds one grade, and groups go strictly down in grade.
      for (const set of tierGrades) expect(set.size).toBe(1);
      const ordered = tierGrades.map((set) => [...set][0] as number);
      expect(ordered).toEqual([...ordered].sort((x, y) => y - x));
      expect(new Set(ordered).size).toBe(ordered.length);
      tiedGroups += tiers.filter((tier) => tier.length > 1).length;
      for (let i = 0; i < tiers.length; i++)
        for (let j = i + 1; j < tiers.length; j++) implied += tiers[i].length * tiers[j].length;
    }
    expect(implied).toBe(737);
    expect(tiedGroups).toBeGreaterThan(50);
  });

  it('KTO from the grades: one row per distinct answer text, labelled from its grade, never repeated or both ways', async () => {
    const { items, grades } = liveQaItems();
    // Independent expectation: per question, the distinct trimmed texts of graded answers and their mean grade > 2.5.
    const expected = new Map<string, boolean>();
    for (const entry of items) {
      const byText = new Map<string, number[]>();
      for (const answer of entry.responses)
        byText.set(answer.text.trim(), [...(byText.get(answer.text.trim()) ?? []), grades.get(answer.id) as number]);
      for (const [text, values] of byText)
        expected.set(`${entry.id}\u0000${text}`, values.reduce((x, y) => x + y, 0) / values.length > 2.5);
    }
    const sink = memorySink();
    await exportSnapshot(streamOf(items), request({ format: 'kto', scale: '1-4', split: '1,0,0' }), sink);
    const rows = sink
      .text('train.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const seen = new Set<string>();
    for (const row of rows) {
      const key = `${row.metadata.itemId}\u0000${row.completion.trim()}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(row.label).toBe(expected.get(key));
    }
    expect(rows).toHaveLength(expected.size);
    // The data has duplicate answers within a question, which used to give repeated rows.
    expect(expected.size).toBeLessThan([...grades.keys()].length);
  });

  it('splits by question text: LiveQA imported twice under new ids never puts a question in two splits', async () => {
    const { items } = liveQaItems();
    const copies = items.map((entry) => ({
      ...entry,
      id: `copy-${entry.id}`,
      prompt: `  ${entry.prompt?.toUpperCase()}\n`,
    }));
    const sink = memorySink();
    const stats = await exportSnapshot(
      streamOf([...copies, ...items]),
      request({ scale: '1-4', policy: 'per-annotator' }),
      sink,
    );
    const splitsOf = new Map<string, Set<string>>();
    const answerSplits = new Map<string, Set<string>>();
    const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
    for (const split of ['train', 'validation', 'test']) {
      for (const record of sink
        .text(`${split}.jsonl`)
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))) {
        splitsOf.set(normalise(record.prompt), new Set([...(splitsOf.get(normalise(record.prompt)) ?? []), split]));
      }
    }
    for (const splits of splitsOf.values()) expect(splits.size).toBe(1);
    expect(new Set([...splitsOf.values()].map((set) => [...set][0])).size).toBe(3);
    // Independent count of answer texts in several splits, from the split of each question.
    for (const entry of [...items, ...copies]) {
      const split = [...(splitsOf.get(normalise(entry.prompt ?? '')) ?? [])][0];
      if (split === undefined) continue;
      for (const answer of entry.responses)
        answerSplits.set(answer.text.trim(), new Set([...(answerSplits.get(answer.text.trim()) ?? []), split]));
    }
    expect(stats.answerTextsInSeveralSplits).toBe([...answerSplits.values()].filter((set) => set.size > 1).length);
  });
});
