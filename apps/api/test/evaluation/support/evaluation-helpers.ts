import { Command, CommanderError } from 'commander';
import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { reportError } from '../../../../cli/src/cli-errors.js';
import { registerEvalCommands } from '../../../../cli/src/commands/eval.command.js';
import type { TestPlatform } from '../../support/test-platform.js';
import { ok } from '../../support/assertions.js';

export { ok };

/** Creates a project through GraphQL and returns its id. */
export async function createProject(api: TestPlatform, token: string, input: Record<string, unknown>): Promise<string> {
  return ok(
    await api.gql<{ createProject: { id: string } }>(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input },
      token,
    ),
  ).createProject.id;
}

/** Imports JSON lines; fails the test when any line is refused. */
export async function importLines(
  api: TestPlatform,
  token: string,
  projectId: string,
  lines: unknown[],
): Promise<{ imported: number; labelsImported: number }> {
  const content = lines.map((line) => JSON.stringify(line)).join('\n');
  const result = ok(
    await api.gql<{ importItems: { imported: number; labelsImported: number; rejected: number; problems: unknown[] } }>(
      `mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported labelsImported rejected problems { line field reason } } }`,
      { input: { projectId, content, strict: true } },
      token,
    ),
  ).importItems;
  if (result.rejected) throw new Error(`import refused lines: ${JSON.stringify(result.problems)}`);
  return result;
}

export interface Task {
  taskId: string;
  project: { kind: string; criteria: string[] };
  responses: { id: string; label: string; text: string }[];
}

export async function nextTask(
  api: TestPlatform,
  token: string,
  projectId: string,
): Promise<{ task: Task | null; raw: string }> {
  const result = await api.gql<{ nextTask: Task | null }>(
    `query ($p: ID) { nextTask(projectId: $p) { taskId project { kind criteria } responses { id label text } } }`,
    { p: projectId },
    token,
  );
  return { task: ok(result).nextTask, raw: JSON.stringify(result) };
}

/** Submits a label with the given content for a task. */
export async function submitLabel(api: TestPlatform, token: string, taskId: string, content: unknown): Promise<void> {
  ok(
    await api.gql(
      `mutation ($input: SubmitLabelInput!) { submitLabel(input: $input) { duplicate } }`,
      { input: { taskId, submissionId: randomUUID(), content, flags: [], timeSpentMs: 1000 } },
      token,
    ),
  );
}

/** A pairwise judgement with the same choice on every criterion and overall. */
export function pairwiseContent(criteria: string[], choice: 'a' | 'b' | 'tie'): unknown {
  return {
    judgements: Object.fromEntries(
      [...criteria, 'overall'].map((criterion) => [criterion, { choice, strength: null }]),
    ),
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `clinrank eval …` in-process on the test platform's database, capturing its output and exit code like main() does. */
export async function runEvalCli(api: TestPlatform, args: string[]): Promise<CliRun> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = api.config.databaseUrl ?? '';
  let stdout = '';
  let stderr = '';
  const out = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  let code = 0;
  try {
    const program = new Command('clinrank').exitOverride();
    registerEvalCommands(program);
    for (const command of program.commands) {
      command.exitOverride();
      for (const child of command.commands) child.exitOverride();
    }
    await program.parseAsync(['node', 'clinrank', 'eval', ...args]);
  } catch (error) {
    code = error instanceof CommanderError ? 2 : reportError(error);
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env.DATABASE_URL = previous;
  }
  return { code, stdout, stderr };
}
