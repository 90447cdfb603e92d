import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../cli/src/main.js';
import {
  LIVEQA_DIR,
  liveQaPresent,
  readLiveQaJudgments,
  readLiveQaQuestions,
} from '../../../../test-support/liveqa-med.js';
import { required } from '../support/assertions.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { jsonl, pairwiseLine, projectWith, sha256 } from './support.js';

let api: TestPlatform;
let artifactDir: string;
let scratch: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  artifactDir = mkdtempSync(join(tmpdir(), 'clinrank-datasets-cli-'));
  scratch = mkdtempSync(join(tmpdir(), 'clinrank-export-out-'));
  api = await startTestPlatform({ ARTIFACT_DIR: artifactDir });
  Object.assign(process.env, {
    DATABASE_URL: api.config.databaseUrl!,
    ARTIFACT_DIR: artifactDir,
    LOG_LEVEL: 'silent',
    CLINRANK_CODE_VERSION: 'cli-test',
  });
  await projectWith(api, 'cli-small', 'pairwise', [
    pairwiseLine('q1', ['a', 'a', 'b']),
    pairwiseLine('q2', ['b', 'b', 'b']),
    pairwiseLine('q3', ['a', 'a', 'a'], { language: 'zh' }),
  ]);
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  await api?.close();
  rmSync(artifactDir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs the CLI in-process, capturing stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => ((stderr += String(chunk)), true));
  try {
    const code = await main(['node', 'clinrank', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('clinrank export', () => {
  it('writes the snapshot to --out, registers it, and reports progress plainly off a terminal', async () => {
    const out = join(scratch, 'majority');
    const run = await cli(
      'export',
      '--project',
      'cli-small',
      '--format',
      'trl',
      '--policy',
      'majority',
      '--min-agreement',
      '0.66',
      '--exclude-flags',
      'unsafe,contains_phi',
      '--where',
      'language=en',
      '--split',
      '1,0,0',
      '--seed',
      '1',
      '--parquet',
      '--out',
      out,
    );
    expect(run.stderr).toContain('exporting items: 2/3 (67 %)\nexporting items: 3/3 (100 %)\n');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(readdirSync(out).sort()).toEqual([
      'README.md',
      'manifest.json',
      'test.jsonl',
      'test.parquet',
      'train.jsonl',
      'train.parquet',
      'validation.jsonl',
      'validation.parquet',
    ]);
    for (const name of readdirSync(out)) expect(sha256(join(out, name))).toBe(sha256(join(summary.directory, name)));
    // q1: r1 with 2/3 ≥ 0.66; q2: r2 3/3; q3 is zh and filtered out.
    expect(jsonl(out, 'train.jsonl').map((record) => [record.metadata.itemId, record.metadata.chosen.id])).toEqual([
      ['q1', 'r1'],
      ['q2', 'r2'],
    ]);
    const [row] = await api.platform.dataSource.query(
      `SELECT status, directory, created_by FROM dataset_snapshots WHERE id = $1`,
      [summary.id],
    );
    expect(row.status).toBe('ready');
    expect(row.directory).toBe(join(artifactDir, 'datasets', summary.id));
    expect(row.created_by).toMatch(/^cli:/);
  });

  it('exits 2 naming the option for bad input, and never overwrites --out', async () => {
    const cases: [string[], string][] = [
      [['--format', 'csv'], '--format'],
      [['--min-labels', 'two'], '--min-labels'],
      [['--split', '0.5,0.5,0.5'], '--split'],
      [['--min-agreement', '1.5'], '--min-agreement'],
      [['--where', 'colour=red'], '--where'],
      [['--guideline-version', 'x'], '--guideline-version'],
      [['--exclude-gold', '--gold-only'], '--exclude-gold'],
      [['--out', scratch], '--out'],
      [['--ties', 'keep'], '--ties'],
      [['--margin', 'strength'], '--margin'],
      [['--format', 'openrlhf', '--ties', 'keep'], '--ties'],
    ];
    for (const [args, option] of cases) {
      const run = await cli('export', '--project', 'cli-small', ...args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toContain(option);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect((await cli('export', '--project', 'no-such-project')).stderr).toContain('--project');
  });

  it('exits 3 with one line saying why when nothing would be exported, and writes no snapshot', async () => {
    const out = join(scratch, 'empty');
    const run = await cli('export', '--project', 'cli-small', '--where', 'language=fr', '--out', out);
    expect(run.code).toBe(3);
    const lines = run.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe(
      'clinrank: EMPTY_EXPORT: nothing to export: 0 records, every item was filtered out (language 3); loosen the filters or pick another format; no snapshot was written',
    );
    expect(existsSync(out)).toBe(false);
  });
});

/** Imports LiveQA-Med once as project `liveqa` (graded answers as one assessor's ratings); call only when it is present. */
let liveQa: Promise<{ lines: any[]; byQuestion: Map<number, { grade: number; answer: string }[]> }> | null = null;
function liveQaProject() {
  liveQa ??= (async () => {
    const questions = new Map(readLiveQaQuestions().map((q) => [q.qid, q]));
    const byQuestion = new Map<number, { grade: number; answer: string }[]>();
    for (const judgement of readLiveQaJudgments()) {
      byQuestion.set(judgement.qid, [...(byQuestion.get(judgement.qid) ?? []), judgement]);
    }
    // Every answer becomes a response; only grades 1..4 become rating annotations. The 18 grade −2 answers stay as
    // responses without a grade (−2 is not on the 1–4 scale), so they can never enter a pair.
    const lines = [...byQuestion].map(([qid, answers]) => ({
      id: `liveqa-${String(qid).padStart(3, '0')}`,
      language: 'en',
      prompt: questions.get(qid)?.message ?? `question ${qid}`,
      responses: answers.map((answer, index) => ({ id: `a${index}`, text: answer.answer, source: 'human' })),
      annotations: answers.flatMap((answer, index) =>
        answer.grade >= 1 && answer.grade <= 4
          ? [
              {
                annotator: 'liveqa-assessors',
                kind: 'rating',
                response: `a${index}`,
                criterion: 'overall',
                score: answer.grade,
              },
            ]
          : [],
      ),
    }));
    const { report } = await projectWith(api, 'liveqa', 'rating', lines, {
      scaleMin: 1,
      scaleMax: 4,
      criteria: ['accuracy'],
    });
    expect(report.rejected).toBe(0);
    return { lines, byQuestion };
  })();
  return liveQa;
}

describe('LiveQA-Med 2017 graded answers as ratings', () => {
  it('per-annotator trl: one pair per two differently graded answers of a question, the higher grade chosen', async () => {
    if (!liveQaPresent()) {
      console.warn(`SKIPPED: ${LIVEQA_DIR} is absent; the LiveQA export test needs the shared data folder`);
      return;
    }
    const { lines, byQuestion } = await liveQaProject();
    const minusTwo = [...byQuestion.values()].flat().filter((answer) => answer.grade === -2).length;
    expect(minusTwo).toBe(18);
    // Expected pairs, computed from the raw file: per question, the pairs of graded (1..4) answers with different grades.
    let expected = 0;
    for (const answers of byQuestion.values()) {
      const graded = answers.filter((answer) => answer.grade >= 1);
      for (let i = 0; i < graded.length; i++)
        for (let j = i + 1; j < graded.length; j++) if (graded[i].grade !== graded[j].grade) expected++;
    }
    expect(expected).toBe(737);
    const out = join(scratch, 'liveqa');
    const run = await cli(
      'export',
      '--project',
      'liveqa',
      '--format',
      'trl',
      '--policy',
      'per-annotator',
      '--margin',
      'votes',
      '--split',
      '1,0,0',
      '--out',
      out,
    );
    expect(run.code).toBe(0);
    const pairs = jsonl(out, 'train.jsonl');
    expect(pairs).toHaveLength(737);
    // Keyed by "item/response" as the export names them (item and response ids come back from the JSONL as plain strings).
    const gradeOf = new Map<string, number>(
      [...byQuestion].flatMap(([qid, answers]) =>
        answers.map((answer, index) => [`liveqa-${String(qid).padStart(3, '0')}/a${index}`, answer.grade] as const),
      ),
    );
    const grade = (itemId: string, responseId: string) =>
      required(gradeOf.get(`${itemId}/${responseId}`), `a LiveQA grade for ${itemId}/${responseId}`);
    const seen = new Set<string>();
    for (const pair of pairs) {
      const chosen = grade(pair.metadata.itemId, pair.metadata.chosen.id);
      const rejected = grade(pair.metadata.itemId, pair.metadata.rejected.id);
      expect(chosen).toBeGreaterThan(rejected);
      expect(rejected).toBeGreaterThanOrEqual(1);
      expect(pair.margin).toBe(1);
      const key = `${pair.metadata.itemId}/${[pair.metadata.chosen.id, pair.metadata.rejected.id].sort().join('|')}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    // The same data for OpenRLHF chat models: message lists, a fitted probability margin, and the flags on the card.
    const chatOut = join(scratch, 'liveqa-chat');
    const chat = await cli(
      'export',
      '--project',
      'liveqa',
      '--format',
      'openrlhf',
      '--chat',
      '--policy',
      'bradley-terry',
      '--margin',
      'probability',
      '--split',
      '1,0,0',
      '--out',
      chatOut,
    );
    expect(chat.code).toBe(0);
    const chatPairs = jsonl(chatOut, 'train.jsonl');
    expect(chatPairs).toHaveLength(737);
    for (const pair of chatPairs) {
      expect(Object.keys(pair)).toEqual(['chosen', 'rejected', 'margin', 'metadata']);
      expect(pair.chosen.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant']);
      expect(pair.chosen[0]).toEqual(pair.rejected[0]);
      expect(pair.margin).toBeGreaterThan(0.5);
      expect(pair.margin).toBeLessThan(1);
      expect(grade(pair.metadata.itemId, pair.metadata.chosen.id)).toBeGreaterThan(
        grade(pair.metadata.itemId, pair.metadata.rejected.id),
      );
    }
    expect(readFileSync(join(chatOut, 'README.md'), 'utf8')).toContain(
      '--chosen_key chosen --rejected_key rejected --apply_chat_template --margin_loss',
    );
    // Nothing to export (every LiveQA question is English): exit 3, one line, no snapshot.
    const empty = await cli(
      'export',
      '--project',
      'liveqa',
      '--where',
      'language=zh',
      '--out',
      join(scratch, 'liveqa-zh'),
    );
    expect(empty.code).toBe(3);
    expect(empty.stderr.trim().split('\n').at(-1)).toBe(
      `clinrank: EMPTY_EXPORT: nothing to export: 0 records, every item was filtered out (language ${lines.length}); loosen the filters or pick another format; no snapshot was written`,
    );
    expect(existsSync(join(scratch, 'liveqa-zh'))).toBe(false);
  });

  it('--ties keep on these real ties: exit 2 for trl, trl-conversational and openrlhf; ranking and raw unchanged', async () => {
    if (!liveQaPresent()) {
      console.warn(`SKIPPED: ${LIVEQA_DIR} is absent; the LiveQA ties test needs the shared data folder`);
      return;
    }
    const { byQuestion } = await liveQaProject();
    // Equal grades on one question are ties: counted from the raw file, graded answers with different texts.
    let ties = 0;
    for (const answers of byQuestion.values()) {
      const graded = answers.filter((answer) => answer.grade >= 1);
      for (let i = 0; i < graded.length; i++)
        for (let j = i + 1; j < graded.length; j++)
          if (graded[i].grade === graded[j].grade && graded[i].answer.trim() !== graded[j].answer.trim()) ties++;
    }
    expect(ties).toBe(1127);
    const snapshots = async () =>
      Number((await api.platform.dataSource.query(`SELECT count(*)::int AS n FROM dataset_snapshots`))[0].n);
    const before = await snapshots();
    for (const format of ['trl', 'trl-conversational', 'openrlhf']) {
      const out = join(scratch, `liveqa-ties-${format}`);
      const run = await cli('export', '--project', 'liveqa', '--format', format, '--ties', 'keep', '--out', out);
      expect({ format, code: run.code }).toEqual({ format, code: 2 });
      expect(run.stderr).toBe(
        `clinrank: option --ties: ties keep is refused for ${format}: every record is trained as chosen over rejected, so a tie would become a preference; use --format ranking or raw to keep ties\n`,
      );
      expect(run.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    }
    expect(await snapshots()).toBe(before);
    // ranking ("ties are always used: they score 0") and raw (ignores ties) accept keep and write what drop writes.
    for (const format of ['ranking', 'raw']) {
      const files: Record<string, string> = {};
      for (const ties of ['keep', 'drop']) {
        const out = join(scratch, `liveqa-${format}-${ties}`);
        const run = await cli(
          'export',
          '--project',
          'liveqa',
          '--format',
          format,
          '--ties',
          ties,
          '--split',
          '1,0,0',
          '--out',
          out,
        );
        expect({ format, ties, code: run.code }).toEqual({ format, ties, code: 0 });
        files[ties] = readFileSync(join(out, 'train.jsonl'), 'utf8');
      }
      expect(files.keep.length).toBeGreaterThan(0);
      expect(files.keep).toBe(files.drop);
    }
    const groups = jsonl(join(scratch, 'liveqa-ranking-keep'), 'train.jsonl').flatMap((row) =>
      (row.ranking as (number | number[])[]).filter((group) => Array.isArray(group)),
    );
    expect(groups.length).toBeGreaterThan(50);
  });
});
