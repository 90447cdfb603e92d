// Shared by the import benches (bench/ui-import.mjs, bench/cli-import.mjs): the real-shaped file and the `\copy` floor.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './web-bench-support.mjs';

export const LIVEQA = join(ROOT, '..', 'shared', 'data', 'liveqa-med-2017');

export const liveqaPresent = () => existsSync(join(LIVEQA, 'questions.jsonl'));

function readJsonl(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

/**
 * LiveQA questions with at least two graded answers, cycled to `lines` items with unique ids. `annotated`: each line also
 * carries the TREC assessor's verdict on the pair as a pairwise annotation (the higher grade preferred, equal grades a
 * tie), as a project importing earlier judgements would.
 */
export function writeLiveqaFile(path, lines, { annotated = false } = {}) {
  const answers = new Map();
  for (const judgment of readJsonl(join(LIVEQA, 'judgments.jsonl')))
    answers.set(judgment.qid, [...(answers.get(judgment.qid) ?? []), judgment]);
  const questions = readJsonl(join(LIVEQA, 'questions.jsonl')).filter(
    (question) => (answers.get(question.qid) ?? []).length >= 2,
  );
  const out = [];
  for (let n = 0; n < lines; n += 1) {
    const question = questions[n % questions.length];
    const [first, second] = answers.get(question.qid);
    const choice = first.grade > second.grade ? 'a' : first.grade < second.grade ? 'b' : 'tie';
    out.push(
      JSON.stringify({
        id: `lq-${n}`,
        language: 'en',
        specialty: question.subject ?? '',
        prompt: question.message,
        responses: [
          { id: 'r1', text: first.answer, source: 'human' },
          { id: 'r2', text: second.answer, source: 'human' },
        ],
        ...(annotated
          ? {
              annotations: [
                { annotator: 'trec-assessor', kind: 'pairwise', a: 'r1', b: 'r2', criterion: 'overall', choice },
              ],
            }
          : {}),
      }),
    );
  }
  writeFileSync(path, `${out.join('\n')}\n`);
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export const COPY_TABLE_SQL = 'CREATE TABLE bench_import_docs (doc jsonb NOT NULL)';

/**
 * The floor: `psql \copy` of the file into a one-column jsonb table (format csv with control-character quote and
 * delimiter, so each line is taken as is and only parsed as JSON). Returns seconds.
 */
export function copyOnce(databaseUrl, file) {
  const sql = `\\copy bench_import_docs (doc) from '${file}' with (format csv, quote e'\\x01', delimiter e'\\x02')`;
  const started = performance.now();
  const result = spawnSync(
    'psql',
    [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-q', '-c', 'TRUNCATE bench_import_docs', '-c', sql],
    { encoding: 'utf8' },
  );
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
  return seconds;
}
