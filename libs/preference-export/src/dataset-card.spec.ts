import { describe, expect, it } from '@jest/globals';
import { renderDatasetCard } from './dataset-card.js';
import { buildManifest } from './manifest.js';
import { memorySink } from './sinks.js';
import { exportSnapshot } from './snapshot.js';
import { item, label, pairwise, request, streamOf } from './test-fixtures.js';

async function card(options: Record<string, unknown>): Promise<string> {
  const parsed = request(options);
  const stats = await exportSnapshot(
    streamOf([item('i1', [label('x', pairwise('r1', 'r2', { overall: { choice: 'a' } }))])]),
    parsed,
    memorySink(),
  );
  return renderDatasetCard(buildManifest({ request: parsed, stats, codeVersion: 'test' }));
}

describe('dataset card', () => {
  it('openrlhf: prints the exact flags that read the snapshot, with and without --chat', async () => {
    const plain = await card({ format: 'openrlhf', promptKey: 'question' });
    expect(plain).toContain(
      '    --dataset <this folder> --prompt_key question --chosen_key chosen --rejected_key rejected\n',
    );
    expect(plain).toContain('Without `--prompt_key` OpenRLHF drops the prompt.');
    const chat = await card({ format: 'openrlhf', chat: true, margin: 'votes' });
    expect(chat).toContain(
      '    --dataset <this folder> --chosen_key chosen --rejected_key rejected --apply_chat_template --margin_loss\n',
    );
    expect(chat).toContain('Do not pass `--prompt_key`');
  });

  it('trl: states the separator, recommends trl-conversational for chat models, and names the margin', async () => {
    const text = await card({ format: 'trl', margin: 'probability' });
    expect(text).toContain('ending with the assistant tag and a space');
    expect(text).toContain('prefer `trl-conversational`');
    expect(text).toContain('Margin: `probability`');
    expect(text).toContain("TRL's RewardTrainer applies a `margin` column automatically");
    expect(await card({ format: 'trl' })).toContain('Margin: none — the records have no `margin` field');
  });
});
