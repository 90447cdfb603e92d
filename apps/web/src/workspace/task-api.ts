import { gql } from '@apollo/client/core';
import { gqlMutate, gqlQuery } from '../providers/graphql-client.js';

export interface TaskProject {
  id: string;
  slug: string;
  name: string;
  kind: 'pairwise' | 'ranking' | 'rating' | 'validation';
  criteria: string[];
  scaleMin: number;
  scaleMax: number;
  allowTies: boolean;
  requireRationale: boolean;
  guidelineVersion: number;
}

export interface Task {
  assignmentId: string;
  project: TaskProject;
  language: string;
  specialty: string;
  prompt: string | null;
  messages: { role: string; content: string }[] | null;
  responses: { id: string; label: string; text: string }[];
  expiresAt: string;
}

export interface Progress {
  doneToday: number;
  doneTotal: number;
  /** Items this clinician can still label in the project (or in all projects). */
  remaining: number;
  /** Labels still needed in the project from all clinicians together. */
  projectRemaining: number;
}

export interface SubmitInput {
  assignmentId: string;
  submissionId: string;
  content: unknown;
  flags: string[];
  rationale?: string;
  rewrite?: string;
  timeSpentMs: number;
  /** The UI direction when the label was made: A sits on the left in ltr, on the right in rtl. */
  uiDirection: 'ltr' | 'rtl';
}

export interface MyProject {
  project: TaskProject;
  remaining: number;
}

const TASK_FIELDS = `
      assignmentId language specialty prompt expiresAt
      project { id slug name kind criteria scaleMin scaleMax allowTies requireRationale guidelineVersion }
      messages { role content }
      responses { id label text }`;
const NEXT_TASK = gql`query NextTask($projectId: ID) { nextTask(projectId: $projectId) { ${TASK_FIELDS} } }`;
const NEXT_TASK_EXCLUDING = gql`query NextTaskExcluding($projectId: ID, $exclude: [ID!]) { nextTask(projectId: $projectId, exclude: $exclude) { ${TASK_FIELDS} } }`;
const MY_PROJECTS = gql`query MyProjects($include: ID) { myProjects(include: $include) { remaining project { id slug name kind criteria scaleMin scaleMax allowTies requireRationale guidelineVersion } } }`;
const PROGRESS = gql`query MyProgress($projectId: ID) { myProgress(projectId: $projectId) { doneToday doneTotal remaining projectRemaining } }`;
const SUBMIT = gql`mutation Submit($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate label { id } } }`;
const SKIP = gql`mutation Skip($input: SkipTaskInput!) { skipTask(input: $input) }`;
const RETRACT = gql`mutation Retract($labelId: ID!) { retractLabel(labelId: $labelId) }`;
const GUIDELINES = gql`query Guidelines($projectId: ID!, $version: Int) { guidelines(projectId: $projectId, version: $version) { version markdown } }`;

/** The next task for the signed-in annotator (null when none is left). */
export async function fetchNextTask(projectId?: string): Promise<Task | null> {
  return (await gqlQuery<{ nextTask: Task | null }>(NEXT_TASK, { projectId: projectId || null })).nextTask;
}

/** A task other than the ones listed (the one on screen), leased ahead so it shows at once after a submit. */
export async function prefetchNextTask(projectId: string | undefined, exclude: string[]): Promise<Task | null> {
  return (await gqlQuery<{ nextTask: Task | null }>(NEXT_TASK_EXCLUDING, { projectId: projectId || null, exclude })).nextTask;
}

/** The projects the signed-in annotator can label in, with how many items are left for them; `include` is listed even when dry. */
export async function fetchMyProjects(include?: string): Promise<MyProject[]> {
  return (await gqlQuery<{ myProjects: MyProject[] }>(MY_PROJECTS, { include: include || null })).myProjects;
}

/** Done today, done in total, what is left for this clinician and for everyone, in the project (or all projects). */
export async function fetchProgress(projectId?: string): Promise<Progress> {
  return (await gqlQuery<{ myProgress: Progress }>(PROGRESS, { projectId: projectId || null }, { fresh: true })).myProgress;
}

/** Sends a label; the submissionId makes retries idempotent. */
export async function submitLabel(input: SubmitInput): Promise<{ labelId: string; duplicate: boolean }> {
  const data = await gqlMutate<{ submitLabel: { duplicate: boolean; label: { id: string } } }>(SUBMIT, { input });
  return { labelId: data.submitLabel.label.id, duplicate: data.submitLabel.duplicate };
}

/** Skips a task with a reason. */
export async function skipTask(assignmentId: string, reason: string): Promise<void> {
  await gqlMutate(SKIP, { input: { assignmentId, reason } });
}

/** Takes a fresh label back (the server allows a short window) and returns the reopened assignment id. */
export async function retractLabel(labelId: string): Promise<string> {
  return (await gqlMutate<{ retractLabel: string }>(RETRACT, { labelId })).retractLabel;
}

/** The guidelines the task is labelled under. */
export async function fetchGuidelines(projectId: string, version: number): Promise<{ version: number; markdown: string }> {
  return (await gqlQuery<{ guidelines: { version: number; markdown: string } }>(GUIDELINES, { projectId, version })).guidelines;
}
