import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestPlatform } from '../support/test-platform.js';
import { SYSTEM_ACTOR } from '../support/test-platform.js';

export { ok } from '../support/assertions.js';

/** Creates a project and imports JSONL lines into it; returns the project entity. */
export async function projectWith(
  api: TestPlatform,
  slug: string,
  kind: 'pairwise' | 'rating' | 'ranking',
  lines: unknown[],
  extra: Record<string, unknown> = {},
) {
  const project = await api.services.projects.create({ slug, name: slug, kind, ...extra }, SYSTEM_ACTOR);
  const report = await api.services.imports.importFile(
    project,
    Buffer.from(lines.map((line) => JSON.stringify(line)).join('\n')),
    { strict: false },
    SYSTEM_ACTOR,
  );
  return { project, report };
}

/** A pairwise item with two answers and one overall vote per annotator (`choices[i]` for annotator i). */
export function pairwiseLine(
  id: string,
  choices: ('a' | 'b' | 'tie' | 'both_bad')[],
  extra: Record<string, unknown> = {},
) {
  return {
    id,
    language: 'en',
    specialty: 'cardiology',
    prompt: `Question ${id}?`,
    responses: [
      { id: 'r1', text: `First answer to ${id}`, source: 'model', model: 'alpha' },
      { id: 'r2', text: `Second answer to ${id}`, source: 'human' },
    ],
    annotations: choices.map((choice, index) => ({
      annotator: `ext-${index + 1}`,
      kind: 'pairwise',
      a: 'r1',
      b: 'r2',
      criterion: 'overall',
      choice,
    })),
    ...extra,
  };
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export function jsonl(directory: string, name: string): any[] {
  return readFileSync(join(directory, name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

export const SNAPSHOT_FIELDS = `id projectId name status request manifest createdBy createdAt files { name sha256 bytes records url }`;
