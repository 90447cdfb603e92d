import { describe, expect, it } from '@jest/globals';
import { IMPORT_LIMITS, parseImportFile, readImportStream, type ImportRules } from './import-line.js';

const rules: ImportRules = {
  kind: 'rating',
  criteria: ['overall'],
  scale: { min: 1, max: 4 },
  languages: [],
  allowTies: false,
  maxResponsesPerItem: 20,
};
const good = (id: string, extra: object = {}) =>
  JSON.stringify({
    id,
    language: 'en',
    prompt: 'Is aspirin safe?',
    responses: [
      { id: 'r1', text: 'Yes' },
      { id: 'r2', text: 'No', source: 'human' },
    ],
    ...extra,
  });

function encodeLines(lines: (string | Uint8Array)[]): Uint8Array {
  const parts = lines.map((line) => (typeof line === 'string' ? new TextEncoder().encode(line) : line));
  const total = parts.reduce((sum, part) => sum + part.length + 1, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    bytes[offset + part.length] = 0x0a;
    offset += part.length + 1;
  }
  return bytes;
}

describe('parseImportFile', () => {
  it('reports every broken line with its number, field and reason, and keeps the good ones', () => {
    const file = encodeLines([
      good('q1', {
        annotations: [{ annotator: 'assessor-1', kind: 'rating', response: 'r1', criterion: 'overall', score: 3 }],
      }),
      '{"id": "q2", "language": "en", ',
      good('q3', { responses: [{ id: 'r1', text: 'a' }] }),
      good('q4', { annotations: [{ annotator: 'x', kind: 'rating', response: 'r9', criterion: 'overall', score: 3 }] }),
      good('q5', {
        annotations: [{ annotator: 'x', kind: 'rating', response: 'r1', criterion: 'overall', score: -2 }],
      }),
      good('q1'),
      good('q6', {
        responses: [
          { id: 'r1', text: 'a' },
          { id: 'r1', text: 'b' },
        ],
      }),
      good('q7', { prompt: 'x'.repeat(200_000) }),
      new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      '',
      JSON.stringify({ id: 'q8', language: 'english', prompt: 'p', responses: [] }),
      good('q9', { messages: [{ role: 'user', content: 'hi' }] }),
    ]);
    const parsed = parseImportFile(file, rules);
    const problems = parsed.flatMap((entry) => ('problem' in entry ? [entry.problem] : []));
    expect(parsed.filter((entry) => 'item' in entry).map((entry) => entry.line)).toEqual([1]);
    expect(problems).toEqual([
      { line: 2, field: '(line)', reason: expect.stringMatching(/^invalid JSON/) },
      { line: 3, field: 'responses', reason: 'needs at least 2 responses for a rating project, got 1' },
      { line: 4, field: 'annotations[0].response', reason: 'names unknown response id "r9"' },
      { line: 5, field: 'annotations[0].score', reason: '-2 is outside the project scale 1-4' },
      { line: 6, field: 'id', reason: 'duplicate id "q1" (first seen on line 1)' },
      { line: 7, field: 'responses[1].id', reason: 'duplicate response id "r1"' },
      { line: 8, field: 'prompt', reason: 'is 200000 bytes, over the 102400-byte limit' },
      { line: 9, field: '(line)', reason: 'invalid UTF-8' },
      { line: 11, field: 'language', reason: 'is missing or not a language code such as en, zh or ar' },
      { line: 12, field: 'prompt', reason: 'give either prompt or messages, not both or neither' },
    ]);
  });

  it('keeps Chinese, Arabic and emoji byte for byte and reads dialogues', () => {
    const text = '胸痛伴出汗，需要立即就医吗？ هل أحتاج إلى طبيب؟ 🚑';
    const [entry] = parseImportFile(
      encodeLines([
        JSON.stringify({
          id: 'd1',
          language: 'zh',
          messages: [
            { role: 'user', content: text },
            { role: 'assistant', content: '多久了？' },
            { role: 'user', content: '两小时' },
          ],
          responses: [
            { id: 'a', text },
            { id: 'b', text: 'ok' },
          ],
        }),
      ]),
      rules,
    );
    if (!('item' in entry)) throw new Error(JSON.stringify(entry.problem));
    expect(entry.item.messages?.[0].content).toBe(text);
    expect(Buffer.from(entry.item.responses[0].text).equals(Buffer.from(text))).toBe(true);
  });

  it('refuses a dialogue that does not end with the user and a language outside the project', () => {
    const [dialogue, language] = parseImportFile(
      encodeLines([
        good('a', {
          prompt: undefined,
          messages: [
            { role: 'user', content: 'q' },
            { role: 'assistant', content: 'a' },
          ],
        }),
        good('b', { language: 'fr' }),
      ]),
      { ...rules, languages: ['en', 'zh'] },
    );
    expect(dialogue).toMatchObject({
      problem: { field: 'messages', reason: expect.stringMatching(/end with a user turn/) },
    });
    expect(language).toMatchObject({
      problem: { field: 'language', reason: '"fr" is not one of the project\'s languages (en, zh)' },
    });
  });
});

describe('responses per item', () => {
  const answers = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `r${i}`, text: `answer ${i}` }));
  const rated = (n: number, skip = -1) =>
    answers(n).flatMap((answer, i) =>
      i === skip
        ? []
        : [{ annotator: 'nist', kind: 'rating', response: answer.id, criterion: 'overall', score: 1 + (i % 4) }],
    );
  const line = (n: number, annotations: object[]) =>
    JSON.stringify({ id: 'q', language: 'en', prompt: 'Which?', responses: answers(n), annotations });
  const parse = (text: string, limit = 20) =>
    parseImportFile(encodeLines([text]), { ...rules, maxResponsesPerItem: limit })[0];

  it('takes up to the project limit unannotated, and refuses more with a message naming the setting', () => {
    expect('item' in parse(line(20, []))).toBe(true);
    const refused = parse(line(21, []));
    expect('problem' in refused && refused.problem).toMatchObject({ field: 'responses' });
    expect('problem' in refused && refused.problem.reason).toBe(
      "has 21 responses, over this project's limit of 20 per item (setting maxResponsesPerItem); an item with more is accepted, up to 200, only when every response already has an annotation (21 have none)",
    );
  });

  it('accepts a fully rated pool of 42 answers (TREC-style judgements), up to 200', () => {
    const pool = parse(line(42, rated(42)));
    expect('item' in pool && pool.item.responses).toHaveLength(42);
    const oneUnrated = parse(line(42, rated(42, 7)));
    expect('problem' in oneUnrated && oneUnrated.problem.reason).toContain('(1 have none)');
    expect('item' in parse(line(200, rated(200)))).toBe(true);
    const tooMany = parse(line(201, rated(201)));
    expect('problem' in tooMany && tooMany.problem.reason).toBe(
      'has 201 responses; an item takes at most 200, even fully annotated',
    );
  });

  it('follows the project setting', () => {
    expect('problem' in parse(line(5, []), 4)).toBe(true);
    expect('item' in parse(line(5, rated(5)), 4)).toBe(true);
  });
});

describe('readImportStream', () => {
  async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
    for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
  }

  it('reads a stream cut anywhere (mid-line, mid-character) exactly as parseImportFile reads the whole file', async () => {
    const file = encodeLines([
      good('s1', { prompt: '胸痛伴出汗 هل أحتاج 🚑' }),
      '{"broken',
      '',
      good('s2'),
      new Uint8Array([0x7b, 0xff, 0x7d]),
      good('s1'),
    ]);
    for (const size of [1, 3, 7, file.length]) {
      const streamed = [];
      for await (const entry of readImportStream(inChunks(file, size), rules))
        if (entry.parsed) streamed.push(entry.parsed);
      expect(streamed).toEqual(parseImportFile(file, rules));
    }
  });

  it('counts the bytes read, and reports an over-long line without keeping it', async () => {
    const long = new Uint8Array(IMPORT_LIMITS.maxLineBytes + 10).fill(0x20);
    const file = encodeLines([good('t1'), long, good('t2')]);
    const entries = [];
    for await (const entry of readImportStream(inChunks(file, 64 * 1024), rules)) entries.push(entry);
    expect(
      entries.map(
        (entry) => entry.parsed && ('item' in entry.parsed ? entry.parsed.item.id : entry.parsed.problem.reason),
      ),
    ).toEqual(['t1', `is longer than ${IMPORT_LIMITS.maxLineBytes} bytes`, 't2', null]);
    expect(entries.at(-1)!.bytesRead).toBe(file.length);
  });
});
