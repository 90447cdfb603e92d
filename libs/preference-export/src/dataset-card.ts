import type { DatasetManifest } from './manifest.js';

const FORMAT_DESCRIPTIONS: Record<string, string> = {
  trl: 'TRL preference pairs: `prompt`, `chosen`, `rejected` strings (dialogues rendered as "User: …\\n\\nAssistant: …\\n\\nAssistant:").',
  'trl-conversational': 'TRL conversational preference pairs: `prompt` is a list of `{role, content}` messages, `chosen`/`rejected` one assistant message each.',
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
    ...(['train', 'validation', 'test'] as const).map((split) => `| ${split} | ${counts.splits[split].items} | ${counts.splits[split].records} |`),
    '',
    `Records by language: ${describeCounts(counts.recordsByLanguage)}.`,
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
    ...['language', 'specialty', 'source', 'model', 'generator'].map((field) => `- ${field}: ${describeFilter(request.filters?.[field])}.`),
    `- Labels created: ${request.labelsFrom ?? 'any time'} to ${request.labelsTo ?? 'now'}; validation proposals accepted only: ${request.acceptedOnly}.`,
    `- Split by item (sha256 of seed:item id${request.stratify.length ? `, salted by ${request.stratify.join(' and ')}` : ''}), seed \`${request.seed}\`, fractions ${request.split.train}/${request.split.validation}/${request.split.test}.`,
    `- Items seen: ${counts.itemsSeen}; exported: ${counts.itemsExported}; excluded: ${describeCounts(counts.excluded)}.`,
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
    '- Splits are assigned by item, so no question appears in two splits; per-stratum proportions vary by chance in small strata.',
    '',
    `Produced by clinrank ${manifest.codeVersion}${manifest.createdAt ? ` on ${manifest.createdAt}` : ''}.`,
    '',
  ];
  return lines.join('\n');
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
  if (agreement.meanVoteShare === null || agreement.meanVoteShare === undefined) return `not available (${agreement.reason ?? 'no data'})`;
  const share = (agreement.meanVoteShare as number).toFixed(3);
  const unanimous = ((agreement.fractionUnanimous as number) * 100).toFixed(1);
  return `mean vote share ${share}, ${unanimous}% of ${agreement.pairsWithTwoOrMoreVotes} pairs unanimous`;
}
