import { DomainError, ErrorCode, minMedianSecondsOf, type LabelContent, type TaskKind } from '@clinrank/domain';
import type { DataSource } from 'typeorm';
import type { NormalisedFilter } from './agreement-filter.js';

/** One stored label, reduced to what the analytics read. `coder` is the annotator's username. */
export interface LoadedLabel {
  item: string;
  /** A short key of the item, unique within one load: reliability units are named by it (shorter keys intern faster). */
  itemKey: string;
  coder: string;
  content: LabelContent;
  /** label.display_order[0]: the response shown first (left pane). */
  shownFirst: string | null;
  timeSpentMs: number;
  /** Labels typed in the UI carry a real time; imported ones do not. */
  timed: boolean;
  /** created_at, epoch milliseconds. */
  at: number;
  /** Pairwise only: the item positions of responses a and b, which order each pair the same way for everyone. */
  positions: [number, number] | null;
}

export interface GoldAnswer {
  criterion: string;
  preferred: string;
}

export interface ProjectLabels {
  projectId: string;
  kind: TaskKind;
  criteria: string[];
  scale: { min: number; max: number };
  labels: LoadedLabel[];
  /** username → annotator id. */
  annotatorIds: Map<string, string>;
  /** item id → gold answer, for gold items. */
  gold: Map<string, GoldAnswer>;
}

export interface ProjectRef {
  id: string;
  slug: string;
  kind: TaskKind;
  criteria: string[];
  scaleMin: number;
  scaleMax: number;
  /** Median seconds per task below which a labeller is flagged as too fast. */
  minMedianSeconds: number;
}

/** Finds a project by id or slug; NOT_FOUND naming `project` otherwise. */
export async function findProject(dataSource: DataSource, idOrSlug: string): Promise<ProjectRef> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const [row] = await dataSource.query(`SELECT id, slug, kind, criteria, scale_min, scale_max, settings FROM projects WHERE ${isUuid ? 'id = $1' : 'slug = $1'}`, [idOrSlug]);
  if (!row) throw new DomainError(ErrorCode.NotFound, `No project "${idOrSlug}"`, 'projectId');
  return { id: row.id, slug: row.slug, kind: row.kind, criteria: row.criteria, scaleMin: row.scale_min, scaleMax: row.scale_max, minMedianSeconds: minMedianSecondsOf(row.kind, row.settings) };
}

/**
 * A cheap version stamp of everything the analytics read from a project: its labels (count and newest change,
 * from an index-only scan) and its gold answers. Any label added, edited or removed changes it.
 */
export async function projectStamp(dataSource: DataSource, projectId: string): Promise<string> {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*) FROM labels WHERE project_id = $1) AS labels,
            (SELECT max(updated_at) FROM labels WHERE project_id = $1) AS newest,
            (SELECT md5(coalesce(string_agg(id::text || ':' || coalesce(gold::text, ''), ',' ORDER BY id), ''))
               FROM items WHERE project_id = $1 AND is_gold) AS gold`,
    [projectId],
  );
  const newest = row.newest instanceof Date ? row.newest.toISOString() : String(row.newest);
  return `${row.labels}|${newest}|${row.gold}`;
}

interface Row {
  item_id: string;
  annotator_id: string;
  content: LabelContent;
  shown_first: string | null;
  time_spent_ms: number;
  origin: string;
  at_ms: number;
}

/** Response id → its position in the item, for every response of the project (cheaper than joining per label). */
async function responsePositions(dataSource: DataSource, projectId: string, items: string[] | null): Promise<Map<string, number>> {
  const rows: { id: string; position: number }[] = items
    ? await dataSource.query(`SELECT id, position FROM responses WHERE item_id = ANY($1::uuid[])`, [items])
    : await dataSource.query(`SELECT r.id, r.position FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1`, [projectId]);
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
export async function loadProjectLabels(dataSource: DataSource, project: ProjectRef, filter: NormalisedFilter, onlyAnnotators?: string[]): Promise<ProjectLabels> {
  const rows: Row[] = await dataSource.query(
    `SELECT l.item_id, l.annotator_id, l.content, l.display_order[1] AS shown_first, l.time_spent_ms, l.origin,
            (extract(epoch FROM l.created_at) * 1000)::float8 AS at_ms
       FROM labels l JOIN items i ON i.id = l.item_id
      WHERE l.project_id = $1
        AND ($2::text IS NULL OR i.language = $2)
        AND ($3::text IS NULL OR i.specialty = $3)
        AND ($4::timestamptz IS NULL OR l.created_at >= $4)
        AND ($5::timestamptz IS NULL OR l.created_at < $5)
        AND ($6::uuid[] IS NULL OR l.annotator_id = ANY($6))`,
    [project.id, filter.language, filter.specialty, filter.from, filter.to, onlyAnnotators ?? null],
  );
  const itemKeys = new Map<string, string>();
  const someItems = onlyAnnotators ? [...new Set(rows.map((row) => row.item_id))] : null;
  const positions = project.kind === 'pairwise' ? await responsePositions(dataSource, project.id, someItems) : new Map<string, number>();
  const annotators = [...new Set(rows.map((row) => row.annotator_id))];
  const users: { id: string; username: string }[] = await dataSource.query(`SELECT id, username FROM users WHERE id = ANY($1::uuid[])`, [annotators]);
  const usernames = new Map(users.map((user) => [user.id, user.username]));
  const goldRows: { id: string; gold: GoldAnswer | null }[] = await dataSource.query(`SELECT id, gold FROM items WHERE project_id = $1 AND is_gold`, [project.id]);
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
    gold: new Map(goldRows.filter((row) => row.gold?.criterion && row.gold.preferred).map((row) => [row.id, row.gold as GoldAnswer])),
  };
}
