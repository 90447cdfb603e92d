import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@clinrank/domain';
import { buildManifest, manifestToJson } from './manifest.js';
import { renderDatasetCard } from './dataset-card.js';
import { memorySink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import { item, label, pairwise, request, streamOf } from './test-fixtures.js';
import type { ExportItem } from './types.js';
import { writeSnapshot } from './write-snapshot.js';

function dataset(count: number): ExportItem[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `item-${String(i).padStart(4, '0')}`;
    const choice = i % 3 === 0 ? 'b' : 'a';
    return item(
      id,
      [
        label(`ann-${i % 4}`, pairwise('r1', 'r2', { overall: { choice, strength: 'much' } }), { id: `${id}-l1` }),
        label(`ann-${(i + 1) % 4}`, pairwise('r1', 'r2', { overall: { choice: 'a' } }), { id: `${id}-l2` }),
        label(`ann-${(i + 2) % 4}`, { kind: 'ranking', ranking: [['r1'], ['r3', 'r2']] }, { id: `${id}-l3` }),
      ],
      { language: i % 2 === 0 ? 'en' : 'zh' },
    );
  });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('exportSnapshot', () => {
  it('writes the three splits line by line and reports their SHA-256 and counts', async () => {
    const sink = memorySink();
    const stats = await exportSnapshot(streamOf(dataset(40)), request({ policy: 'majority' }), sink);
    expect([...sink.files.keys()].sort()).toEqual(['test.jsonl', 'train.jsonl', 'validation.jsonl']);
    for (const file of stats.files) {
      const bytes = sink.files.get(file.name) as Uint8Array;
      expect(file.sha256).toBe(sha256(bytes));
      expect(file.bytes).toBe(bytes.byteLength);
      expect(sink.text(file.name).split('\n').filter(Boolean)).toHaveLength(file.records);
    }
    expect(stats.itemsSeen).toBe(40);
    expect(stats.itemsExported).toBe(40);
    const { train, validation, test } = stats.splits;
    expect(train.items + validation.items + test.items).toBe(40);
    // Majority per item: r1–r2 has 3 votes (l1, l2, ranking) → one pair; r1–r3 one vote → one pair; r2–r3 a tie (dropped).
    expect(train.records + validation.records + test.records).toBe(80);
    expect(stats.labelsByKind).toEqual({ pairwise: 80, ranking: 40 });
    expect(stats.recordsByLanguage).toEqual({ en: 40, zh: 40 });
    // Every annotator gets 3 labels out of every 4 items: 40 · 3 / 4 = 30.
    expect(stats.labelsByAnnotator).toEqual({ 'ann-0': 30, 'ann-1': 30, 'ann-2': 30, 'ann-3': 30 });
    // r1–r2 is the only pair with ≥ 2 votes: unanimous (3/3) unless i % 3 === 0 (2/3) — 14 of 40 items.
    expect(stats.agreement.pairsWithTwoOrMoreVotes).toBe(40);
    expect(stats.agreement.fractionUnanimous).toBeCloseTo(26 / 40, 12);
    expect(stats.agreement.meanVoteShare).toBeCloseTo((26 * 1 + 14 * (2 / 3)) / 40, 12);
  });

  it('gives byte-identical files for the same request on the same data', async () => {
    const run = async () => {
      const sink = memorySink();
      const { manifest } = await writeSnapshot(
        streamOf(dataset(12)),
        request({ policy: 'bradley-terry', format: 'kto' }),
        sink,
        { codeVersion: 'abc123' },
      );
      return { sink, manifest };
    };
    const [first, second] = [await run(), await run()];
    for (const name of first.sink.files.keys())
      expect(sha256(second.sink.files.get(name) as Uint8Array)).toBe(sha256(first.sink.files.get(name) as Uint8Array));
    expect(first.manifest.files.map((f) => f.sha256)).toEqual(second.manifest.files.map((f) => f.sha256));
    expect(first.sink.text('manifest.json')).toBe(second.sink.text('manifest.json'));
  });

  it('turns empty input into empty files, a manifest and a card', async () => {
    const sink = memorySink();
    const { stats, manifest } = await writeSnapshot(streamOf([]), request(), sink, { codeVersion: 'v0' });
    expect(sink.text('train.jsonl')).toBe('');
    // SHA-256 of the empty string.
    expect(stats.files[0].sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(manifest.agreement.meanVoteShare).toBeNull();
    expect(sink.text('README.md')).toMatch(/not available \(no response pair has two or more votes\)/);
  });

  it('refuses items out of id order', async () => {
    const items = dataset(3).reverse();
    await expect(exportSnapshot(streamOf(items), request(), memorySink())).rejects.toThrow(DomainError);
  });
});

describe('buildManifest and renderDatasetCard', () => {
  it('writes the normalised request, counts, digests and code version with sorted keys and no clock', async () => {
    const stats = await exportSnapshot(
      streamOf(dataset(10)),
      request({ where: 'language=en', policy: 'bradley-terry', annotatorWeights: { 'ann-1': 2, 'ann-0': 0.5 } }),
      memorySink(),
    );
    const req = request({
      where: 'language=en',
      policy: 'bradley-terry',
      annotatorWeights: { 'ann-1': 2, 'ann-0': 0.5 },
    });
    const manifest = buildManifest({
      request: req,
      stats,
      codeVersion: 'deadbeef',
      agreementExtras: { krippendorffAlpha: 0.61 },
    });
    const json = manifestToJson(manifest);
    expect(JSON.parse(json).request.annotatorWeights).toEqual({ 'ann-0': 0.5, 'ann-1': 2 });
    expect(Object.keys(JSON.parse(json))).toEqual([
      'agreement',
      'codeVersion',
      'counts',
      'createdAt',
      'files',
      'name',
      'request',
    ]);
    expect(manifest.createdAt).toBeNull();
    expect(manifest.agreement.krippendorffAlpha).toBe(0.61);
    // Language filter keeps the 5 even-numbered items.
    expect(manifest.counts.itemsExported).toBe(5);
    expect(manifest.counts.excluded).toEqual({ language: 5 });
    const card = renderDatasetCard(manifest);
    expect(card).toMatch(/^# clinrank-trl/);
    expect(card).toMatch(/aggregation policy: `bradley-terry`/);
    expect(card).toMatch(/- language: en\./);
    expect(card).toContain(manifest.files[0].sha256);
    expect(card).toMatch(/## Intended use and limits/);
  });
});
