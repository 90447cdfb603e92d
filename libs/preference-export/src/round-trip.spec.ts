/**
 * Each pair format read back the way its trainer reads it. The readers below re-implement only the field handling of
 * TRL (`is_conversational`, explicit vs implicit prompt, `extract_prompt`) and of OpenRLHF's
 * `openrlhf/datasets/reward_dataset.py` (`preprocess_data` key lookups and `__getitem__` concatenation), so a change
 * in what we write that those loaders would misread fails here.
 */
import { describe, expect, it } from '@jest/globals';
import { renderDatasetCard } from './dataset-card.js';
import { liveQaItems, liveQaPresent, LIVEQA_DIR } from './liveqa-fixtures.js';
import { buildManifest } from './manifest.js';
import { memorySink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import { item, label, pairwise, request, response, streamOf } from './test-fixtures.js';
import type { ExportItem } from './types.js';

type Message = { role: string; content: string };
type Row = Record<string, any>;

// ---- TRL (trl/data_utils.py) ----

const TRL_KEYS = ['prompt', 'chosen', 'rejected', 'completion', 'messages'];

/** TRL's is_conversational looks at ONE of the present keys (a set pop, so any of them): all must agree. */
function isConversational(example: Row): boolean {
  const verdicts = TRL_KEYS.filter((key) => key in example).map((key) => {
    const value = example[key];
    return (
      Array.isArray(value) &&
      typeof value[0] === 'object' &&
      value[0] !== null &&
      'role' in value[0] &&
      'content' in value[0]
    );
  });
  expect(new Set(verdicts).size).toBe(1);
  return verdicts[0] ?? false;
}

/** TRL's extract_prompt for an implicit-prompt example: the longest common prefix of chosen and rejected. */
function extractPrompt(example: Row): Row {
  const { chosen, rejected } = example;
  let index = 0;
  while (
    index < Math.min(chosen.length, rejected.length) &&
    JSON.stringify(chosen[index]) === JSON.stringify(rejected[index])
  )
    index++;
  if (typeof chosen === 'string' && index > 0 && chosen[index - 1] === ' ') index--;
  return { prompt: chosen.slice(0, index), chosen: chosen.slice(index), rejected: rejected.slice(index) };
}

/** What RewardTrainer tokenises: prompt + answer, concatenated as they are (strings) or as one message list. */
function trlTexts(example: Row): { chosen: string | Message[]; rejected: string | Message[] } {
  const explicit = 'prompt' in example ? example : extractPrompt(example);
  if (isConversational(explicit))
    return { chosen: [...explicit.prompt, ...explicit.chosen], rejected: [...explicit.prompt, ...explicit.rejected] };
  return { chosen: explicit.prompt + explicit.chosen, rejected: explicit.prompt + explicit.rejected };
}

// ---- OpenRLHF (openrlhf/datasets/reward_dataset.py) ----

interface OpenRlhfArgs {
  prompt_key?: string;
  chosen_key: string;
  rejected_key: string;
  apply_chat_template: boolean;
  margin_loss: boolean;
}

/** A chat template standing in for tokenizer.apply_chat_template; like a real one it fails on a string. */
function chatTemplate(messages: Message[], addGenerationPrompt = false): string {
  if (!Array.isArray(messages)) throw new TypeError('apply_chat_template expects a list of messages');
  return (
    messages.map((m) => `<|${m.role}|>\n${m.content}<|end|>\n`).join('') +
    (addGenerationPrompt ? '<|assistant|>\n' : '')
  );
}

/** preprocess_data: the key lookups, with and without --apply_chat_template and --prompt_key; then __getitem__'s join. */
function openRlhfRead(data: Row, args: OpenRlhfArgs): { chosen: string; rejected: string; margin: number } {
  let prompt: string;
  let chosen: string;
  let rejected: string;
  if (args.apply_chat_template) {
    if (args.prompt_key) {
      prompt = chatTemplate(data[args.prompt_key], true);
      chosen = chatTemplate([...data[args.prompt_key], ...data[args.chosen_key]]).slice(prompt.length);
      rejected = chatTemplate([...data[args.prompt_key], ...data[args.rejected_key]]).slice(prompt.length);
    } else {
      prompt = '';
      chosen = chatTemplate(data[args.chosen_key]);
      rejected = chatTemplate(data[args.rejected_key]);
    }
  } else {
    prompt = args.prompt_key ? data[args.prompt_key] : '';
    chosen = data[args.chosen_key];
    rejected = data[args.rejected_key];
  }
  if ([prompt, chosen, rejected].some((value) => typeof value !== 'string'))
    throw new TypeError('OpenRLHF needs strings after preprocessing');
  const margin = data.margin !== undefined && data.margin !== null ? data.margin : 0;
  const join = (answer: string) => `${`${prompt}${answer}`.replace(/\n+$/, '')} </s>`;
  return { chosen: join(chosen), rejected: join(rejected), margin: args.margin_loss ? margin : 0 };
}

/** The OpenRLHF flags printed on the dataset card, parsed. */
function cardFlags(card: string): OpenRlhfArgs {
  const line = card.split('\n').find((text) => text.trim().startsWith('--dataset <this folder>')) as string;
  const words = line.trim().split(/\s+/);
  const value = (flag: string) => (words.includes(flag) ? words[words.indexOf(flag) + 1] : undefined);
  return {
    prompt_key: value('--prompt_key'),
    chosen_key: value('--chosen_key') as string,
    rejected_key: value('--rejected_key') as string,
    apply_chat_template: words.includes('--apply_chat_template'),
    margin_loss: words.includes('--margin_loss'),
  };
}

// ---- the data ----

const question = 'Can I take ibuprofen with lisinopril?';
const single = item('q1', [label('x', pairwise('r1', 'r2', { overall: { choice: 'a' } }))], {
  prompt: question,
  responses: [
    response('r1', { text: 'Avoid regular use: NSAIDs blunt ACE inhibitors and strain the kidneys.' }),
    response('r2', { text: 'Yes, always fine.' }),
  ],
});
const dialogue = item('q2', [label('x', pairwise('r1', 'r2', { overall: { choice: 'b' } }))], {
  prompt: undefined,
  messages: [
    { role: 'user', content: 'I have had chest pain for two hours.' },
    { role: 'assistant', content: 'Does it spread to your arm or jaw?' },
    { role: 'user', content: 'Yes, to my left arm.' },
  ],
  responses: [response('r1', { text: 'Rest and see.' }), response('r2', { text: 'Call emergency services now.' })],
});

async function exported(items: ExportItem[], options: Record<string, unknown>) {
  const parsed = request({ split: '1,0,0', ...options });
  const sink = memorySink();
  const stats = await exportSnapshot(streamOf(items), parsed, sink);
  const rows: Row[] = sink
    .text('train.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  return { rows, card: renderDatasetCard(buildManifest({ request: parsed, stats, codeVersion: 'test' })) };
}

describe('TRL reads what we write', () => {
  it('trl: explicit prompt, not conversational, prompt and answer joined by the separator', async () => {
    const { rows } = await exported([single, dialogue], { format: 'trl' });
    for (const row of rows) expect(isConversational(row)).toBe(false);
    expect(trlTexts(rows[0]).chosen).toBe(
      `${question}\n\nAvoid regular use: NSAIDs blunt ACE inhibitors and strain the kidneys.`,
    );
    expect(trlTexts(rows[1]).chosen).toBe(
      'User: I have had chest pain for two hours.\n\nAssistant: Does it spread to your arm or jaw?\n\nUser: Yes, to my left arm.\n\nAssistant: Call emergency services now.',
    );
  });

  it('trl-conversational: conversational under every key; the implicit form gives the same prompt back', async () => {
    const { rows } = await exported([single, dialogue], { format: 'trl-conversational' });
    for (const row of rows) {
      expect(isConversational(row)).toBe(true);
      const { chosen } = trlTexts(row) as { chosen: Message[] };
      expect(chosen.at(-1)?.role).toBe('assistant');
      expect(chosen.slice(0, -1)).toEqual(row.prompt);
      // Written implicitly (prompt folded into both answers), TRL's extract_prompt finds exactly our prompt.
      const implicit = { chosen: [...row.prompt, ...row.chosen], rejected: [...row.prompt, ...row.rejected] };
      expect(extractPrompt(implicit)).toEqual({ prompt: row.prompt, chosen: row.chosen, rejected: row.rejected });
    }
    expect(rows[1].prompt).toEqual(dialogue.messages);
  });
});

describe('OpenRLHF reads what we write, with the flags on the card', () => {
  it('strings: --prompt_key keeps the question; OpenRLHF defaults (no prompt key) would drop it', async () => {
    const { rows, card } = await exported([single], { format: 'openrlhf', margin: 'votes' });
    const flags = cardFlags(card);
    expect(flags).toEqual({
      prompt_key: 'prompt',
      chosen_key: 'chosen',
      rejected_key: 'rejected',
      apply_chat_template: false,
      margin_loss: true,
    });
    const read = openRlhfRead(rows[0], flags);
    expect(read.chosen).toBe(
      `${question}\n\nAvoid regular use: NSAIDs blunt ACE inhibitors and strain the kidneys. </s>`,
    );
    expect(read.margin).toBe(1);
    expect(openRlhfRead(rows[0], { ...flags, prompt_key: undefined }).chosen).not.toContain(question);
    // Strings under --apply_chat_template fail, as in OpenRLHF: that is what --chat is for.
    expect(() => openRlhfRead(rows[0], { ...flags, apply_chat_template: true })).toThrow('expects a list of messages');
  });

  it('--chat: message lists read with --apply_chat_template and no prompt key carry every turn and the answer', async () => {
    const { rows, card } = await exported([dialogue], { format: 'openrlhf', chat: true });
    const flags = cardFlags(card);
    expect(flags).toEqual({
      prompt_key: undefined,
      chosen_key: 'chosen',
      rejected_key: 'rejected',
      apply_chat_template: true,
      margin_loss: false,
    });
    const read = openRlhfRead(rows[0], flags);
    expect(read.chosen).toBe(
      chatTemplate([
        ...(dialogue.messages as Message[]),
        { role: 'assistant', content: 'Call emergency services now.' },
      ]).replace(/\n+$/, '') + ' </s>',
    );
    expect(read.rejected).toContain('Rest and see.');
    expect(read.margin).toBe(0);
  });
});

(liveQaPresent() ? describe : describe.skip)('round trip on LiveQA-Med (real data)', () => {
  if (!liveQaPresent()) console.warn(`SKIPPING LiveQA-Med round-trip test: ${LIVEQA_DIR} is absent`);

  it('every trl and openrlhf record reads back as its question, a separator, then the better graded answer', async () => {
    const { items, grades } = liveQaItems();
    const textOf = new Map(items.flatMap((entry) => entry.responses.map((r) => [r.id, r.text] as const)));
    const trl = await exported(items, { format: 'trl', scale: '1-4' });
    const openrlhf = await exported(items, { format: 'openrlhf', scale: '1-4' });
    expect(openrlhf.rows).toHaveLength(trl.rows.length);
    const flags = cardFlags(openrlhf.card);
    trl.rows.forEach((row, index) => {
      const question = items.find((entry) => entry.id === row.metadata.itemId)?.prompt as string;
      expect(isConversational(row)).toBe(false);
      expect(trlTexts(row).chosen).toBe(`${question}\n\n${textOf.get(row.metadata.chosen.id)}`);
      expect(grades.get(row.metadata.chosen.id) as number).toBeGreaterThan(
        grades.get(row.metadata.rejected.id) as number,
      );
      const read = openRlhfRead(openrlhf.rows[index], flags);
      expect(read.chosen.startsWith(`${question}\n\n`)).toBe(true);
      expect(read.chosen).not.toBe(read.rejected);
    });
  });
});
