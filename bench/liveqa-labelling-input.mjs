#!/usr/bin/env node
// Writes the TREC 2017 LiveQA medical judgements (../shared/data/liveqa-med-2017) as clinrank import lines for
// `clinrank simulate labelling`: one item per question, its graded answers as responses, each NIST grade (1–4) as a
// rating annotation on "overall". The 18 answers graded −2 (off the scale) are left out.
//
//   node bench/liveqa-labelling-input.mjs > /tmp/liveqa-rated.jsonl
//
// The data stays outside the repository; without it this prints why and exits with 1.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LIVEQA_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'shared',
  'data',
  'liveqa-med-2017',
);

export function liveQaPresent() {
  return existsSync(join(LIVEQA_DIR, 'questions.jsonl')) && existsSync(join(LIVEQA_DIR, 'judgments.jsonl'));
}

function readJsonl(file) {
  return readFileSync(join(LIVEQA_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

/** The import lines, one per question with at least two graded answers. */
export function liveQaLabellingLines() {
  const answers = new Map();
  for (const judgment of readJsonl('judgments.jsonl')) {
    if (!answers.has(judgment.qid)) answers.set(judgment.qid, []);
    answers.get(judgment.qid).push(judgment);
  }
  const lines = [];
  for (const question of readJsonl('questions.jsonl')) {
    const graded = (answers.get(question.qid) ?? [])
      .map((answer, k) => ({ ...answer, id: `a${k + 1}` }))
      .filter((answer) => answer.grade >= 1);
    if (graded.length < 2) continue;
    lines.push(
      JSON.stringify({
        id: `liveqa-${question.qid}`,
        language: 'en',
        prompt: question.message,
        responses: graded.map((answer) => ({ id: answer.id, text: answer.answer })),
        annotations: graded.map((answer) => ({
          annotator: 'nist-assessor',
          kind: 'rating',
          response: answer.id,
          criterion: 'overall',
          score: answer.grade,
        })),
      }),
    );
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!liveQaPresent()) {
    process.stderr.write(`liveqa-labelling-input: ${LIVEQA_DIR} is missing (questions.jsonl, judgments.jsonl)\n`);
    process.exit(1);
  }
  process.stdout.write(liveQaLabellingLines().join('\n') + '\n');
}
