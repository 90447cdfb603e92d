import type { LabelContent, LabelFlag, PairwiseJudgement } from '@clinrank/domain';
import { parseExportRequest } from './parse-request.js';
import type { ExportRequest } from './request.js';
import type { ExportItem, ExportLabel, ExportResponse } from './types.js';

/** Test builders: small, explicit items and labels. */
export function response(id: string, overrides: Partial<ExportResponse> = {}): ExportResponse {
  return { id, text: `answer ${id}`, source: 'model', model: 'm1', generator: null, ...overrides };
}

let labelCounter = 0;

export function label(annotatorId: string, content: LabelContent, overrides: Partial<ExportLabel> = {}): ExportLabel {
  labelCounter++;
  return {
    id: `l${String(labelCounter).padStart(6, '0')}`,
    annotatorId,
    annotatorKind: 'human',
    createdAt: '2025-03-01T10:00:00.000Z',
    guidelineVersion: 1,
    timeSpentMs: 30_000,
    displayOrder: [],
    flags: [] as LabelFlag[],
    content,
    ...overrides,
  };
}

export function pairwise(a: string, b: string, judgements: Record<string, PairwiseJudgement>): LabelContent {
  return { kind: 'pairwise', a, b, judgements };
}

export function item(id: string, labels: ExportLabel[], overrides: Partial<ExportItem> = {}): ExportItem {
  return {
    id,
    language: 'en',
    specialty: 'cardiology',
    prompt: `question ${id}`,
    isGold: false,
    metadata: {},
    responses: [response('r1'), response('r2'), response('r3')],
    labels,
    ...overrides,
  };
}

export function request(options: Record<string, unknown> = {}): ExportRequest {
  return parseExportRequest(options);
}

export async function* streamOf<T>(values: Iterable<T>): AsyncGenerator<T> {
  for (const value of values) yield value;
}
