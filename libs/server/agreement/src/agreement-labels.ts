import type { GoldAnswer, NormalisedFilter, ProjectLabels } from '@clinrank/agreement';
import { DomainError, ErrorCode, isUuid, minMedianSecondsOf, type LabelContent, type TaskKind } from '@clinrank/domain';
import type { DataSource } from 'typeorm';
import { AgreementLabelsRepository } from './agreement-labels.repository.js';

export interface ProjectRef {
  id: string;
  slug: string;
  kind: TaskKind;
  criteria: string[];
  scaleMin: number;
  scaleMax: number;
  /** Median seconds per task below which an annotator is flagged as too fast. */
  minMedianSeconds: number;
}

/** Finds a project by id or slug; NOT_FOUND naming `project` otherwise. */
export async function findProject(repository: AgreementLabelsRepository, idOrSlug: string): Promise<ProjectRef> {
  const row = await repository.project(isUuid(idOrSlug) ? 'id' : 'slug', idOrSlug);
  if (!row) throw new DomainError(ErrorCode.NotFound, `No project "${idOrSlug}"`, 'projectId');
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    criteria: row.criteria,
    scaleMin: row.scale_min,
    scaleMax: row.scale_max,
    minMedianSeconds: minMedianSecondsOf(row.kind, row.settings),
  };
}

/**
 * A cheap version stamp of everything the analytics read from a project: its labels (count and newest change,
 * from an index-only scan) and its gold answers. Any label added, edited or removed changes it.
 */
export async function projectStamp(source: DataSource | AgreementLabelsRepository, projectId: string): Promise<string> {
  const repository = source instanceof AgreementLabelsRepository ? source : new AgreementLabelsRepository(source);
  const row = await repository.labelStamp(projectId);
  const newest = row.newest instanceof Date ? row.newest.toISOString() : String(row.newest);
  return `${row.labels}|${newest}|${row.gold}`;
}

/** Response id → its position in the item, for every response of the project (cheaper than joining per label). */
async function responsePositions(
  repository: AgreementLabelsRepository,
  projectId: string,
  items: string[] | null,
): Promise<Map<string, number>> {
  const rows = await repository.responsePositions(projectId, items);
  return new Map(rows.map((row) => [row.id, row.position]));
}

function shortKey(keys: Map<string, string>, id: string): string {
  let key = keys.get(id);
  if (key === undefined) keys.set(id, (key = keys.size.toString(36)));
  return key;
}

function pairPositions(content: LabelContent, positions: Map<string, number>): [number, number] | null {
  if (content.kind !== 'pairwise') return null;
  const a = positions.get(content.a);
  const b = positions.get(content.b);
  return a === undefined || b === undefined ? null : [a, b];
}

/** The project's labels matching the filter (language, specialty, creation date; the criterion is applied later). */
export async function loadProjectLabels(
  repository: AgreementLabelsRepository,
  project: ProjectRef,
  filter: NormalisedFilter,
  onlyAnnotators?: string[],
): Promise<ProjectLabels> {
  const rows = await repository.labels(project.id, filter, onlyAnnotators ?? null);
  const itemKeys = new Map<string, string>();
  const someItems = onlyAnnotators ? [...new Set(rows.map((row) => row.item_id))] : null;
  const positions =
    project.kind === 'pairwise'
      ? await responsePositions(repository, project.id, someItems)
      : new Map<string, number>();
  const annotators = [...new Set(rows.map((row) => row.annotator_id))];
  const users = await repository.usernames(annotators);
  const usernames = new Map(users.map((user) => [user.id, user.username]));
  const goldRows = await repository.goldItems<GoldAnswer>(project.id);
  return {
    projectId: project.id,
    kind: project.kind,
    criteria: project.criteria,
    scale: { min: project.scaleMin, max: project.scaleMax },
    labels: rows.map((row) => ({
      item: row.item_id,
      itemKey: shortKey(itemKeys, row.item_id),
      coder: usernames.get(row.annotator_id) ?? row.annotator_id,
      content: row.content,
      shownFirst: row.shown_first,
      timeSpentMs: row.time_spent_ms,
      timed: row.origin === 'ui',
      at: row.at_ms,
      positions: pairPositions(row.content, positions),
    })),
    annotatorIds: new Map(users.map((user) => [user.username, user.id])),
    gold: new Map(
      goldRows
        .filter((row) => row.gold?.criterion && row.gold.preferred)
        .map((row) => [row.id, row.gold as GoldAnswer]),
    ),
  };
}
