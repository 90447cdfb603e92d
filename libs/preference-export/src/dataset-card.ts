import type { DatasetManifest } from './manifest.js';

const FORMAT_DESCRIPTIONS: Record<string, string> = {
  trl: 'TRL preference pairs (standard format): `prompt`, `chosen`, `rejected` strings.',
  'trl-conversational':
    'TRL conversational preference pairs: `prompt` is a list of `{role, content}` messages, `chosen`/`rejected` one assistant message each.',
  kto: 'KTO unpaired examples: `prompt`, `completion`, `label` (true = desirable).',
  openrlhf: 'OpenRLHF reward-model pairs under the configured prompt/chosen/rejected keys.',
  ranking: 'Rankings: `prompt`, `completions`, `ranking` (indices into completions, best first).',
  raw: 'Every individual label, one record per label and criterion, with pseudonymous annotator ids.',
  sft: "Supervised fine-tuning conversations whose final assistant turn is a clinician's rewritten answer.",
};

/** Renders the README.md dataset card of an export from its manifest. */
export function renderDatasetCard(manifest: DatasetManifest): string {
  const request = manifest.request as Record<string, any>;
  const counts = manifest.counts;
  const lines = [
    `# ${manifest.name}`,
    '',
    '## What it contains',
    FORMAT_DESCRIPTIONS[request.format] ?? String(request.format),
    '',
    '| split | items | records |',
    '| --- | ---: | ---: |',
    ...(['train', 'validation', 'test'] as const).map(
      (split) => `| ${split} | ${counts.splits[split].items} | ${counts.splits[split].records} |`,
    ),
    '',
    `Records by language: ${describeCounts(counts.recordsByLanguage)}.`,
    '',
    '## How to load it',
    ...loadingNotes(request),
    '',
    '## How it was labelled',
    `Clinicians and other annotators compared answers to medical questions. Labels behind these items, by kind: ${describeCounts(counts.labelsByKind)}; ${counts.annotators} distinct (pseudonymous) annotators.`,
    `Annotator kinds included: ${describeFilter(request.filters?.annotatorKind)}. Guideline versions: ${describeRange(request.minGuidelineVersion, request.maxGuidelineVersion)}.`,
    `Agreement over response pairs with two or more votes: ${describeAgreement(manifest.agreement)}.`,
    request.ignoreAdjudications
      ? "Leads' adjudications were ignored (`--ignore-adjudications`): every outcome comes from the clinicians' votes."
      : `Adjudication: a lead's ruling replaces the clinicians' votes on what it rules; ${counts.itemsAdjudicated ?? 0} exported items were decided by a ruling.`,
    '',
    '## Filters and policy',
    `- Criterion: \`${request.criterion}\`; aggregation policy: \`${request.policy}\`; ties: ${request.ties}; minimum agreement: ${request.minAgreement}.`,
    `- Minimum labels per item: ${request.minLabelsPerItem}; gold items: ${request.gold}; excluded flags: ${request.excludeFlags.length ? request.excludeFlags.join(', ') : 'none'} (rule: ${request.flagRule}).`,
    ...['language', 'specialty', 'source', 'model', 'generator'].map(
      (field) => `- ${field}: ${describeFilter(request.filters?.[field])}.`,
    ),
    `- Labels created: ${request.labelsFrom ?? 'any time'} to ${request.labelsTo ?? 'now'}; validation proposals accepted only: ${request.acceptedOnly}.`,
    `- Split by prompt text (sha256 of seed:the prompt with whitespace collapsed and lowercased, so the same question never lands in two splits), seed \`${request.seed}\`, fractions ${request.split.train}/${request.split.validation}/${request.split.test}. Answer texts found in more than one split: ${counts.answerTextsInSeveralSplits ?? 0}.`,
    `- Items seen: ${counts.itemsSeen}; exported: ${counts.itemsExported}; excluded: ${describeCounts(counts.excluded)}.`,
    `- Pairs left out because both answers have the same text (after trimming whitespace): ${counts.pairsDroppedIdenticalText ?? 0}.`,
    '',
    '## Files',
    '| file | records | bytes | sha256 |',
    '| --- | ---: | ---: | --- |',
    ...manifest.files.map((file) => `| ${file.name} | ${file.records} | ${file.bytes} | \`${file.sha256}\` |`),
    '',
    '## Intended use and limits',
    '- For research on reward models and preference tuning of medical assistants. Not medical advice, and not a substitute for clinical validation of any model trained on it.',
    '- Preferences reflect the annotators, guidelines and questions of this project; they may not transfer to other populations, languages or specialties.',
    '- Annotator ids are pseudonymous; do not try to re-identify annotators. Items flagged for personal health information should have been excluded by the filters above — check them before publishing.',
    '- Splits are assigned by prompt text, so no question appears in two splits (the same answer text can, see above); per-stratum proportions vary by chance in small strata.',
    '',
    `Produced by clinrank ${manifest.codeVersion}${manifest.createdAt ? ` on ${manifest.createdAt}` : ''}.`,
    '',
  ];
  return lines.join('\n');
}

const SEPARATOR_NOTE =
  'Every `prompt` string ends with a separator, because trainers concatenate prompt and answer as they are: "\\n\\n" after a plain question; a dialogue is rendered as "User: …\\n\\nAssistant: …\\n\\nUser: …\\n\\nAssistant: " (ending with the assistant tag and a space).';

/** How a trainer reads this format: the exact keys and flags, the prompt separator and the margin. */
function loadingNotes(request: Record<string, any>): string[] {
  const margin = marginNote(request.margin);
  switch (request.format) {
    case 'trl':
      return [
        "TRL's standard (string) preference format, for `RewardTrainer`, `DPOTrainer` and the other preference trainers (explicit prompt).",
        SEPARATOR_NOTE,
        "For chat models prefer `trl-conversational`: TRL then applies the model's own chat template.",
        margin,
      ];
    case 'trl-conversational':
      return [
        "TRL's conversational preference format: `prompt` is the dialogue as `{role, content}` messages and each answer one assistant message; TRL applies the model's chat template (`is_conversational` is true).",
        margin,
      ];
    case 'openrlhf':
      return openRlhfNotes(request, margin);
    case 'kto':
      return ["TRL's unpaired preference format for `KTOTrainer`: `prompt`, `completion`, `label`.", SEPARATOR_NOTE];
    case 'ranking':
      return [
        '`ranking` lists indices into `completions`, best first; answers the clinicians could not separate are one nested group, e.g. `[[0, 2], 1]`. The clinrank trainer reads it directly.',
        SEPARATOR_NOTE,
      ];
    default:
      return ['JSON lines, one record per line.'];
  }
}

function openRlhfNotes(request: Record<string, any>, margin: string): string[] {
  const keys = `--chosen_key ${request.chosenKey} --rejected_key ${request.rejectedKey}`;
  const marginFlag = request.margin === 'none' ? '' : ' --margin_loss';
  if (request.chat) {
    return [
      `\`${request.chosenKey}\` and \`${request.rejectedKey}\` are message lists (the dialogue's turns, then the answer); there is no prompt key. Read it with:`,
      '',
      `    --dataset <this folder> ${keys} --apply_chat_template${marginFlag}`,
      '',
      'Do not pass `--prompt_key`: the user turns are already in each side.',
      margin,
    ];
  }
  return [
    `Strings under \`${request.promptKey}\`, \`${request.chosenKey}\` and \`${request.rejectedKey}\`. Read it with:`,
    '',
    `    --dataset <this folder> --prompt_key ${request.promptKey} ${keys}${marginFlag}`,
    '',
    `Without \`--prompt_key\` OpenRLHF drops the prompt. ${SEPARATOR_NOTE} Do not add \`--input_template\` or \`--apply_chat_template\` (for chat models export with \`--chat\`).`,
    margin,
  ];
}

function marginNote(kind: string | undefined): string {
  switch (kind) {
    case 'votes':
      return "Margin: `votes` — (votes for chosen − votes for rejected) / all votes on the pair, in [0, 1]. TRL's RewardTrainer applies a `margin` column automatically (loss −log σ(r_chosen − r_rejected − margin)); OpenRLHF uses it with `--margin_loss`.";
    case 'probability':
      return "Margin: `probability` — P(chosen ≻ rejected), in (0.5, 1): the fitted Bradley–Terry probability, or for the other policies the posterior mean (chosen + ties/2 + 1) / (votes + 2). TRL's RewardTrainer applies a `margin` column automatically; OpenRLHF uses it with `--margin_loss`.";
    default:
      return 'Margin: none — the records have no `margin` field (export with `--margin votes` or `--margin probability` to add one; TRL applies it automatically).';
  }
}

function describeCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? 'none' : entries.map(([key, count]) => `${key} ${count}`).join(', ');
}

function describeFilter(filter: { include: string[] | null; exclude: string[] } | undefined): string {
  if (!filter) return 'any';
  const include = filter.include === null ? 'any' : filter.include.join(', ') || 'none';
  return filter.exclude.length ? `${include} except ${filter.exclude.join(', ')}` : include;
}

function describeRange(min: number | null, max: number | null): string {
  if (min === null && max === null) return 'all';
  return `${min ?? 'any'} to ${max ?? 'any'}`;
}

function describeAgreement(agreement: Record<string, unknown>): string {
  if (agreement.meanVoteShare === null || agreement.meanVoteShare === undefined)
    return `not available (${agreement.reason ?? 'no data'})`;
  const share = (agreement.meanVoteShare as number).toFixed(3);
  const unanimous = ((agreement.fractionUnanimous as number) * 100).toFixed(1);
  return `mean vote share ${share}, ${unanimous}% of ${agreement.pairsWithTwoOrMoreVotes} pairs unanimous`;
}
