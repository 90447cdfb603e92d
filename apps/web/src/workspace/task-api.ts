import { graphql } from './gql/index.js';
import type {
  MyProgressQuery,
  MyProjectsQuery,
  NextTaskQuery,
  SubmitLabelInput,
  TaskProjectFieldsFragment,
} from './gql/graphql.js';
import { browserTimeZone } from '../providers/browser-time-zone.js';
import { gqlMutate, gqlQuery } from '../providers/graphql-client.js';

graphql(`
  fragment TaskProjectFields on TaskProject {
    id
    slug
    name
    kind
    criteria
    scaleMin
    scaleMax
    allowTies
    requireRationale
    guidelineVersion
  }
`);
graphql(`
  fragment TaskFields on Task {
    taskId
    language
    specialty
    prompt
    expiresAt
    project {
      ...TaskProjectFields
    }
    messages {
      role
      content
    }
    responses {
      id
      label
      text
    }
  }
`);
const NEXT_TASK = graphql(`
  query NextTask($projectId: ID) {
    nextTask(projectId: $projectId) {
      ...TaskFields
    }
  }
`);
const NEXT_TASK_EXCLUDING = graphql(`
  query NextTaskExcluding($projectId: ID, $exclude: [ID!]) {
    nextTask(projectId: $projectId, exclude: $exclude) {
      ...TaskFields
    }
  }
`);
const MY_PROJECTS = graphql(`
  query MyProjects($include: ID) {
    myProjects(include: $include) {
      remaining
      project {
        ...TaskProjectFields
      }
    }
  }
`);
const PROGRESS = graphql(`
  query MyProgress($projectId: ID, $timeZone: String) {
    myProgress(projectId: $projectId, timeZone: $timeZone) {
      doneToday
      doneTotal
      remaining
      projectRemaining
    }
  }
`);
const SUBMIT = graphql(`
  mutation Submit($input: SubmitLabelInput!) {
    submitLabel(input: $input) {
      duplicate
      label {
        id
      }
    }
  }
`);
const SUBMIT_AND_NEXT = graphql(`
  mutation SubmitAndNext($input: SubmitLabelInput!, $next: NextTaskInput!) {
    submitLabel(input: $input, next: $next) {
      duplicate
      label {
        id
      }
      next {
        ...TaskFields
      }
    }
  }
`);
const SKIP = graphql(`
  mutation Skip($input: SkipTaskInput!) {
    skipTask(input: $input)
  }
`);
const RETRACT = graphql(`
  mutation Retract($labelId: ID!) {
    retractLabel(labelId: $labelId)
  }
`);
const GUIDELINES = graphql(`
  query Guidelines($projectId: ID!, $version: Int) {
    guidelines(projectId: $projectId, version: $version) {
      version
      markdown
    }
  }
`);

export type TaskProject = TaskProjectFieldsFragment;
export type Task = NonNullable<NextTaskQuery['nextTask']>;
/**
 * Done today and in total; `remaining`: items this clinician can still label in the project (or in all projects);
 * `projectRemaining`: labels still needed in the project from all clinicians together.
 */
export type Progress = MyProgressQuery['myProgress'];
export type MyProject = MyProjectsQuery['myProjects'][number];
/** A label to send; `uiDirection` is the UI direction when it was made (A sits on the left in ltr, on the right in rtl). */
export type SubmitInput = SubmitLabelInput & { flags: string[]; uiDirection: 'ltr' | 'rtl' };

/** The next task for the signed-in annotator (null when none is left). */
export async function fetchNextTask(projectId?: string): Promise<Task | null> {
  return (await gqlQuery(NEXT_TASK, { projectId: projectId || null })).nextTask;
}

/** A task other than the ones listed (the one on screen), leased ahead so it shows at once after a submit. */
export async function prefetchNextTask(projectId: string | undefined, exclude: string[]): Promise<Task | null> {
  return (await gqlQuery(NEXT_TASK_EXCLUDING, { projectId: projectId || null, exclude })).nextTask;
}

/** The projects the signed-in annotator can label in, with how many items are left for them; `include` is listed even when dry. */
export async function fetchMyProjects(include?: string): Promise<MyProject[]> {
  // Fresh: a refresh after a label must not be answered by a request sent before it.
  return (await gqlQuery(MY_PROJECTS, { include: include || null }, { fresh: true })).myProjects;
}

/** Done today, done in total, what is left for this clinician and for everyone, in the project (or all projects). */
export async function fetchProgress(projectId?: string): Promise<Progress> {
  // "Done today" starts at the clinician's own midnight.
  return (await gqlQuery(PROGRESS, { projectId: projectId || null, timeZone: browserTimeZone() }, { fresh: true }))
    .myProgress;
}

/** Sends a label; the submissionId makes retries idempotent. */
export async function submitLabel(input: SubmitInput): Promise<{ labelId: string; duplicate: boolean }> {
  const data = await gqlMutate(SUBMIT, { input });
  return { labelId: data.submitLabel.label.id, duplicate: data.submitLabel.duplicate };
}

/**
 * Sends a label and gets the task after the ones listed (on screen) in the same round trip, leased in the same
 * transaction; a retry (same submissionId) gets the same task back while its lease is live.
 */
export async function submitLabelAndNext(
  input: SubmitInput,
  projectId: string | undefined,
  exclude: string[],
): Promise<{ labelId: string; duplicate: boolean; next: Task | null }> {
  const data = await gqlMutate(SUBMIT_AND_NEXT, { input, next: { projectId: projectId || null, exclude } });
  return { labelId: data.submitLabel.label.id, duplicate: data.submitLabel.duplicate, next: data.submitLabel.next };
}

/** Skips a task with a reason. */
export async function skipTask(taskId: string, reason: string): Promise<void> {
  await gqlMutate(SKIP, { input: { taskId, reason } });
}

/** Takes a fresh label back (the server allows a short window) and returns the reopened task id. */
export async function retractLabel(labelId: string): Promise<string> {
  return (await gqlMutate(RETRACT, { labelId })).retractLabel;
}

/** The guidelines the task is labelled under. */
export async function fetchGuidelines(
  projectId: string,
  version: number,
): Promise<{ version: number; markdown: string }> {
  return (await gqlQuery(GUIDELINES, { projectId, version })).guidelines;
}
