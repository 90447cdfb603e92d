/**
 * The TREC 2017 LiveQA medical task data (Ben Abacha, Agichtein, Pinter and Demner-Fushman 2017) for tests and
 * benchmarks: 104 questions with reference answers and 692 answers graded 1–4 (18 carry −2, off the scale). It is read
 * from ../shared/data beside the repository and never copied into it; callers skip loudly when it is absent.
 */
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

export interface LiveQaQuestion {
  qid: number;
  subject: string | null;
  message: string;
  paraphrase?: string;
  summary?: string;
  focus?: string[];
  types: string[];
  reference_answers: string[];
}

export interface LiveQaJudgment {
  qid: number;
  grade: number;
  answer: string;
}

/** A graded answer with a stand-in for the system that wrote it. */
export interface LiveQaAnswer extends LiveQaJudgment {
  /** The data names no systems: the answer's position among its question's answers ("run-k") stands in for one. */
  run: string;
}

/** True when both files are there. */
export function liveQaPresent(): boolean {
  return existsSync(join(LIVEQA_DIR, 'questions.jsonl')) && existsSync(join(LIVEQA_DIR, 'judgments.jsonl'));
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(join(LIVEQA_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function readLiveQaQuestions(): LiveQaQuestion[] {
  return readJsonl<LiveQaQuestion>('questions.jsonl');
}

export function readLiveQaJudgments(): LiveQaJudgment[] {
  return readJsonl<LiveQaJudgment>('judgments.jsonl');
}

/** Every graded answer, in file order, with its stand-in run. */
export function readLiveQaAnswers(): LiveQaAnswer[] {
  const position = new Map<number, number>();
  return readLiveQaJudgments().map((judgment) => {
    const k = (position.get(judgment.qid) ?? 0) + 1;
    position.set(judgment.qid, k);
    return { ...judgment, run: `run-${k}` };
  });
}
