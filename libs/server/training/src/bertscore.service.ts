import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Actor, APP_CONFIG, type AppConfig } from '@clinrank/server-core';
import { ProjectService } from '@clinrank/server-project';
import { TrainingRunRepository } from './training-run.repository.js';
import { TrainingService, type TrainingRun } from './training.service.js';
import { bertScoreInputJsonl, bertScoreLanguages, bertScoreRows, type BertScoreRow } from '@clinrank/eval-metrics';
import { EvaluationService } from '@clinrank/server-evaluation';

export interface BertScoreRequest {
  encoderPath?: string | null;
  layer?: number | null;
  gpus?: number | null;
}

export interface BertScoreResults {
  projectId: string;
  runId: string;
  finishedAt: Date;
  encoder: string | null;
  layer: number | null;
  /** The languages the run breaks its results down by, sorted (none for runs from before the breakdown). */
  languages: string[];
  /** The rows of `language`, or of all languages when none was asked for. */
  language: string | null;
  rows: BertScoreRow[];
}

/**
 * BERTScore of a campaign's answers runs as a training-worker job: the API writes the answer/reference pairs (those the
 * lexical metrics score) to `<artifactDir>/bertscore/<uuid>/input.jsonl` on the shared volume and queues a `bertscore` run.
 */
@Injectable()
export class BertScoreService {
  constructor(
    @Inject(TrainingRunRepository) private readonly runs: TrainingRunRepository,
    private readonly projects: ProjectService,
    private readonly evaluation: EvaluationService,
    private readonly training: TrainingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes the input file and queues the run (audited as training.start_bertscore with the project). */
  async request(projectIdOrSlug: string, request: BertScoreRequest, actor: Actor): Promise<TrainingRun> {
    const project = await this.projects.get(projectIdOrSlug);
    const jsonl = bertScoreInputJsonl(await this.evaluation.modelAnswers(project.id));
    if (jsonl === '')
      throw new DomainError(
        ErrorCode.BadUserInput,
        `projectId: project "${project.slug}" has no model answers with reference answers to score`,
        'projectId',
      );
    const directory = join(this.config.artifactDir, 'bertscore', randomUUID());
    await mkdir(directory, { recursive: true });
    const input = join(directory, 'input.jsonl');
    await writeFile(input, jsonl, 'utf8');
    const options: Record<string, unknown> = { input };
    if (request.encoderPath != null) options.encoder = request.encoderPath;
    if (request.layer != null) options.layer = request.layer;
    return this.training.startBertScoreRun(project.id, { options, gpus: request.gpus ?? 0 }, actor);
  }

  /** Per-model means of the project's latest succeeded BERTScore run (from its metrics.json artifact), of one language or all; null before any run. */
  async latest(projectIdOrSlug: string, language: string | null = null): Promise<BertScoreResults | null> {
    const project = await this.projects.get(projectIdOrSlug);
    const run = await this.runs.latestSucceededBertScore(project.id);
    if (!run) return null;
    const metrics = await readMetrics(run.id, run.uri, run.sha256, run.summary);
    const languages = bertScoreLanguages(metrics);
    if (language !== null) assertLanguageScored(run.id, language, languages);
    const described = (metrics ?? {}) as { encoder?: unknown; layer?: unknown };
    return {
      projectId: project.id,
      runId: run.id,
      finishedAt: run.finished_at,
      encoder: typeof described.encoder === 'string' ? described.encoder : null,
      layer: typeof described.layer === 'number' ? described.layer : null,
      languages,
      language,
      rows: bertScoreRows(metrics, language),
    };
  }
}

function assertLanguageScored(runId: string, language: string, languages: string[]): void {
  if (languages.includes(language)) return;
  const known = languages.length
    ? `it has answers in ${languages.join(', ')}`
    : 'it was written before per-language results existed; request a new BERTScore run';
  throw new DomainError(
    ErrorCode.BadUserInput,
    `language: the latest BERTScore run (${runId}) has no results for "${language}": ${known}`,
    'language',
  );
}

/**
 * metrics.json from a directory-store artifact, checked against the SHA-256 in the run's manifest; for other stores
 * (S3) the run summary, which holds the same object.
 */
async function readMetrics(
  runId: string,
  uri: string | null,
  sha256: string | null,
  summary: unknown,
): Promise<unknown> {
  if (uri?.startsWith('file:')) {
    const path = fileURLToPath(uri);
    if (existsSync(path)) {
      const bytes = await readFile(path);
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256) {
        throw new DomainError(
          ErrorCode.Conflict,
          `metrics.json of BERTScore run ${runId} does not match its manifest (sha256 ${actual}, expected ${sha256}): the stored file changed; run BERTScore again`,
          'projectId',
        );
      }
      return JSON.parse(bytes.toString('utf8'));
    }
  }
  return summary;
}
