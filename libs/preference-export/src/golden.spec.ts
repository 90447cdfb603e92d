/**
 * Golden files: the exact bytes of every format for one small project. A change to what a trainer reads shows up as
 * a diff of src/golden/*.jsonl in review. Regenerate deliberately with UPDATE_GOLDEN=1 and read the diff.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memorySink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import { label, pairwise, request, response, streamOf } from './test-fixtures.js';
import type { ExportItem } from './types.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const at = (minute: number) => `2025-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

/** Three items: a contested pairwise question with a lead's ruling, a dialogue with a rewrite, a rated question with a tie. */
const ITEMS: ExportItem[] = [
  {
    id: 'g1',
    language: 'en',
    specialty: 'cardiology',
    prompt: 'Can I take ibuprofen with lisinopril?',
    isGold: false,
    metadata: {},
    responses: [
      response('r1', { text: 'Avoid regular use; ask your doctor.' }),
      response('r2', { text: 'Yes, always.', model: 'm2' }),
    ],
    labels: [
      label('ann-a', pairwise('r1', 'r2', { overall: { choice: 'a', strength: 'much' } }), {
        id: 'l1',
        createdAt: at(1),
      }),
      label('ann-b', pairwise('r2', 'r1', { overall: { choice: 'b' } }), { id: 'l2', createdAt: at(2) }),
      label('ann-c', pairwise('r1', 'r2', { overall: { choice: 'tie' } }), { id: 'l3', createdAt: at(3) }),
    ],
    adjudication: {
      id: 'adj1',
      leadId: 'lead-1',
      createdAt: at(9),
      guidelineVersion: 1,
      content: pairwise('r1', 'r2', { overall: { choice: 'a', strength: 'much' } }),
      rationale: 'NSAIDs blunt ACE inhibitors',
    },
  },
  {
    id: 'g2',
    language: 'zh',
    specialty: null,
    messages: [
      { role: 'user', content: '我胸痛两个小时了。' },
      { role: 'assistant', content: '疼痛会放射到手臂吗？' },
      { role: 'user', content: '会，到左臂。' },
    ],
    isGold: false,
    metadata: {},
    responses: [
      response('r1', { text: '立即拨打急救电话。' }),
      response('r2', { text: '休息一下再看。', source: 'synthetic', generator: 'g-1' }),
    ],
    labels: [
      label('ann-a', pairwise('r1', 'r2', { overall: { choice: 'a' } }), {
        id: 'l4',
        createdAt: at(4),
        rewrite: '立即拨打120，不要自己开车。',
      }),
    ],
  },
  {
    id: 'g3',
    language: 'en',
    specialty: null,
    prompt: 'What lowers LDL cholesterol?',
    isGold: true,
    metadata: {},
    responses: [
      response('r1', { text: 'Statins, diet and exercise.' }),
      response('r2', { text: 'Statins.' }),
      response('r3', { text: 'Nothing works.' }),
    ],
    labels: [
      label('ann-a', { kind: 'rating', scores: { overall: { r1: 5, r2: 4, r3: 1 } } }, { id: 'l5', createdAt: at(5) }),
      label('ann-b', { kind: 'rating', scores: { overall: { r1: 4, r2: 4, r3: 2 } } }, { id: 'l6', createdAt: at(6) }),
    ],
  },
];

const CASES: Record<string, Record<string, unknown>> = {
  trl: { format: 'trl' },
  'trl-margin-votes': { format: 'trl', margin: 'votes', noMetadata: true },
  'trl-conversational': { format: 'trl-conversational' },
  'trl-bradley-terry-probability': { format: 'trl', policy: 'bradley-terry', margin: 'probability', noMetadata: true },
  kto: { format: 'kto' },
  openrlhf: { format: 'openrlhf', noMetadata: true },
  'openrlhf-chat': { format: 'openrlhf', chat: true, noMetadata: true },
  ranking: { format: 'ranking' },
  raw: { format: 'raw' },
  sft: { format: 'sft' },
};

describe('golden files', () => {
  for (const [name, options] of Object.entries(CASES)) {
    it(`${name}: exact bytes`, async () => {
      const sink = memorySink();
      await exportSnapshot(streamOf(ITEMS), request({ split: '1,0,0', ...options }), sink);
      const bytes = sink.text('train.jsonl');
      const path = join(GOLDEN, `${name}.jsonl`);
      if (UPDATE || !existsSync(path)) {
        if (!UPDATE) throw new Error(`golden file ${path} is missing; run with UPDATE_GOLDEN=1 and review it`);
        writeFileSync(path, bytes);
      }
      expect(bytes).toBe(readFileSync(path, 'utf8'));
    });
  }
});
