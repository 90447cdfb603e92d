import { randomUUID } from 'node:crypto';
import type { TestPlatform } from '../../support/test-platform.js';
import { ok } from '../../support/assertions.js';

export const TASK_FIELDS = `taskId expiresAt language specialty prompt messages { role content }
  project { id slug name kind criteria scaleMin scaleMax allowTies requireRationale guidelineVersion }
  responses { id label text }`;

export const NEXT_TASK = `query ($projectId: ID) { nextTask(projectId: $projectId) { ${TASK_FIELDS} } }`;
export const SUBMIT = `mutation ($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate label { id submissionId displayOrder guidelineVersion content flags } } }`;
export const SKIP = `mutation ($input: SkipTaskInput!) { skipTask(input: $input) }`;
export const EDIT = `mutation ($input: EditLabelInput!) { editLabel(input: $input) { id content flags rationale } }`;

export interface Task {
  taskId: string;
  language: string;
  specialty: string;
  prompt: string | null;
  project: {
    id: string;
    kind: string;
    criteria: string[];
    scaleMin: number;
    scaleMax: number;
    guidelineVersion: number;
  };
  responses: { id: string; label: string; text: string }[];
}

export { ok };

/** Creates a project through GraphQL as the given lead and returns its id. */
export async function createProject(api: TestPlatform, token: string, input: Record<string, unknown>): Promise<string> {
  const data = ok(
    await api.gql<{ createProject: { id: string } }>(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input },
      token,
    ),
  );
  return data.createProject.id;
}

export interface ImportReport {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  labelsImported: number;
  committed: boolean;
  problems: { line: number; field: string; reason: string }[];
}

/** Imports JSONL text through the lead's GraphQL upload. */
export async function importJsonl(
  api: TestPlatform,
  token: string,
  projectId: string,
  content: string,
  strict = false,
): Promise<ImportReport> {
  const data = ok(
    await api.gql<{ importItems: ImportReport }>(
      `mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported updated unchanged rejected labelsImported committed problems { line field reason } } }`,
      { input: { projectId, content, strict } },
      token,
    ),
  );
  return data.importItems;
}

/** One import line: an English pairwise-ready item with two model answers. */
export function itemLine(id: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    language: 'en',
    specialty: 'cardiology',
    prompt: `Question ${id}: is chest pain on exertion worrying?`,
    responses: [
      { id: 'r1', text: `Answer one to ${id}`, source: 'model', model: 'secret-model-alpha' },
      { id: 'r2', text: `Answer two to ${id}`, source: 'model', model: 'secret-model-beta' },
    ],
    ...extra,
  });
}

/** Valid label content for a task, choosing the first shown answer (or scoring it highest). */
export function contentFor(task: Task, pick = 0): Record<string, unknown> {
  const shown = task.responses.map((response) => response.id);
  if (task.project.kind === 'pairwise') {
    const choice = pick === 0 ? 'a' : 'b';
    return {
      judgements: Object.fromEntries(
        [...task.project.criteria, 'overall'].map((criterion) => [criterion, { choice, strength: null }]),
      ),
    };
  }
  if (task.project.kind === 'ranking') return { ranking: pick === 0 ? shown : [...shown].reverse() };
  const score = (index: number) => (index === pick ? task.project.scaleMax : task.project.scaleMin);
  return {
    scores: Object.fromEntries(
      task.project.criteria.map((criterion) => [
        criterion,
        Object.fromEntries(shown.map((id, index) => [id, score(index)])),
      ]),
    ),
  };
}

export async function nextTask(api: TestPlatform, token: string, projectId?: string): Promise<Task | null> {
  return ok(await api.gql<{ nextTask: Task | null }>(NEXT_TASK, { projectId }, token)).nextTask;
}

/** Submits a valid label for the task with a fresh submission id. */
export async function submit(api: TestPlatform, token: string, task: Task, extra: Record<string, unknown> = {}) {
  const input = {
    taskId: task.taskId,
    submissionId: randomUUID(),
    content: contentFor(task),
    flags: [],
    timeSpentMs: 1200,
    ...extra,
  };
  return api.gql<{
    submitLabel: {
      duplicate: boolean;
      label: { id: string; submissionId: string; displayOrder: string[]; guidelineVersion: number; content: any };
    };
  }>(SUBMIT, { input }, token);
}

/** Counts rows for a SQL query with parameters. */
export async function count(api: TestPlatform, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await api.platform.dataSource.query(sql, params);
  return Number(Object.values(row)[0]);
}

/**
 * Simulated clinicians' disagreement on contested items (those whose prompt says "contested"), whoever the queue hands
 * an item to: there, the labels alternate in the order they are submitted (agree, disagree, agree, …), so an item's
 * first two labels always split. Everyone agrees elsewhere. Every label is recorded, to rank annotators afterwards.
 */
export class AlternatingDisagreement {
  private readonly labels: { item: string; annotator: number; disagrees: boolean }[] = [];

  /** Records the next label on the task's item, by `annotator`; true when that label is to disagree. */
  next(task: Task, annotator: number): boolean {
    const item = task.prompt ?? '';
    const before = this.labels.filter((label) => label.item === item).length;
    const disagrees = item.includes('contested') && before % 2 === 1;
    this.labels.push({ item, annotator, disagrees });
    return disagrees;
  }

  /**
   * Annotator indices (0 to `annotators` − 1), most agreeing with colleagues first: each label scores +1 for every
   * other label of its item that went the same way and −1 for every one that did not.
   */
  mostAgreeing(annotators: number): number[] {
    const score = Array.from({ length: annotators }, () => 0);
    for (const label of this.labels) {
      const colleagues = this.labels.filter((other) => other.item === label.item && other !== label);
      const agreeing = colleagues.filter((other) => other.disagrees === label.disagrees).length;
      score[label.annotator] += 2 * agreeing - colleagues.length;
    }
    return score.map((_, index) => index).sort((left, right) => score[right] - score[left] || left - right);
  }
}
