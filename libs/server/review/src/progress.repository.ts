import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@clinrank/domain';
import { defineSql } from '@clinrank/server-core';

/** Counts as PostgreSQL returns them (bigint as text). */
export interface ProjectTotalsRow {
  items: string;
  responses: string;
  labels: string;
  complete: string;
  in_progress: string;
  leases: string;
}

export interface AnnotatorCountsRow {
  id: string;
  username: string;
  kind: string;
  labels: string;
  today: string;
  median_ms: number | null;
  last_at: Date | null;
  skipped: string;
}

export interface LabelsPerDayRow {
  day: string;
  id: string;
  username: string;
  labels: string;
}

/** Today's midnight in the time zone that parameter `zone` names, or in the database's own when it is null. */
function startOfTodayIn(zone: string): string {
  return `CASE WHEN ${zone}::text IS NULL THEN date_trunc('day', now()) ELSE date_trunc('day', now(), ${zone}::text) END`;
}

const PROJECT_TOTALS = defineSql(
  'review.project-totals',
  `
  SELECT (SELECT count(*) FROM items WHERE project_id = $1) AS items,
         (SELECT count(*) FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1) AS responses,
         (SELECT count(*) FROM labels WHERE project_id = $1) AS labels,
         (SELECT count(*) FROM items i JOIN projects p ON p.id = i.project_id WHERE i.project_id = $1 AND i.label_count >= coalesce(i.target_overlap, p.overlap)) AS complete,
         (SELECT count(*) FROM items i JOIN projects p ON p.id = i.project_id WHERE i.project_id = $1 AND i.label_count > 0 AND i.label_count < coalesce(i.target_overlap, p.overlap)) AS in_progress,
         (SELECT count(*) FROM tasks WHERE project_id = $1 AND status = 'leased' AND expires_at > now()) AS leases`,
);
const ANNOTATOR_COUNTS = defineSql(
  'review.annotator-counts',
  `
  SELECT u.id, u.username, u.kind,
         count(l.id) AS labels,
         count(l.id) FILTER (WHERE l.created_at >= ${startOfTodayIn('$2')}) AS today,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY l.time_spent_ms) FILTER (WHERE l.origin = 'ui') AS median_ms,
         max(l.created_at) AS last_at,
         (SELECT count(*) FROM tasks a WHERE a.project_id = $1 AND a.annotator_id = u.id AND a.status = 'skipped') AS skipped
    FROM labels l JOIN users u ON u.id = l.annotator_id
   WHERE l.project_id = $1
   GROUP BY u.id, u.username, u.kind
   ORDER BY u.username`,
);
const LABELS_PER_DAY = defineSql(
  'review.labels-per-day',
  `
  SELECT CASE WHEN $3::text IS NULL THEN to_char(date_trunc('day', l.created_at), 'YYYY-MM-DD')
              ELSE to_char(l.created_at AT TIME ZONE $3::text, 'YYYY-MM-DD') END AS day,
         u.id, u.username, count(*) AS labels
    FROM labels l JOIN users u ON u.id = l.annotator_id
   WHERE l.project_id = $1 AND l.created_at >= now() - make_interval(days => $2)
   GROUP BY 1, 2, 3 ORDER BY 1, 3`,
);
const ANNOTATOR_DONE = defineSql(
  'review.annotator-done',
  `
  SELECT count(*) FILTER (WHERE l.created_at >= ${startOfTodayIn('$3')}) AS today,
         count(*) AS total
    FROM labels l WHERE l.annotator_id = $1 AND ($2::uuid IS NULL OR l.project_id = $2)`,
);
const OPEN_SLOTS = defineSql(
  'review.open-slots',
  `
  SELECT coalesce(sum(greatest(coalesce(i.target_overlap, p.overlap) - i.label_count, 0)), 0) AS remaining
    FROM items i JOIN projects p ON p.id = i.project_id
   WHERE NOT p.locked AND ($1::uuid IS NULL OR p.id = $1)`,
);

/** PostgreSQL's invalid_parameter_value, which date_trunc raises for a zone name its tz database lacks. */
const INVALID_PARAMETER_VALUE = '22023';

function isUnknownTimeZone(error: unknown): boolean {
  const failure = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return failure?.code === INVALID_PARAMETER_VALUE || failure?.driverError?.code === INVALID_PARAMETER_VALUE;
}

/** A name the runtime accepted but the database's tz data does not know (their tz releases differ). */
function unknownTimeZone(timeZone: string): DomainError {
  return new DomainError(
    ErrorCode.BadUserInput,
    `The database does not know the time zone ${JSON.stringify(timeZone)}; send another name for the same zone`,
    'timeZone',
  );
}

/** The counts progress dashboards read. */
@Injectable()
export class ProgressRepository {
  constructor(private readonly dataSource: DataSource) {}

  async projectTotals(projectId: string): Promise<ProjectTotalsRow> {
    const [row]: ProjectTotalsRow[] = await this.dataSource.query(PROJECT_TOTALS.text, [projectId]);
    return row;
  }

  /** Each annotator's counts in the project; "today" starts at midnight in `timeZone` (the database's when null). */
  async annotatorCounts(projectId: string, timeZone: string | null): Promise<AnnotatorCountsRow[]> {
    return this.inTimeZone(timeZone, () => this.dataSource.query(ANNOTATOR_COUNTS.text, [projectId, timeZone]));
  }

  /** Labels per annotator per calendar day in `timeZone` (the database's when null), over the last `days` days. */
  async labelsPerDay(projectId: string, days: number, timeZone: string | null): Promise<LabelsPerDayRow[]> {
    return this.inTimeZone(timeZone, () => this.dataSource.query(LABELS_PER_DAY.text, [projectId, days, timeZone]));
  }

  /**
   * Labels the annotator made today and in all, in one project or all. "Today" starts at midnight in `timeZone` (an
   * IANA name), or in the database's own time zone when null.
   */
  async annotatorDone(
    annotatorId: string,
    projectId: string | null,
    timeZone: string | null,
  ): Promise<{ today: string; total: string }> {
    const [row]: { today: string; total: string }[] = await this.inTimeZone(timeZone, () =>
      this.dataSource.query(ANNOTATOR_DONE.text, [annotatorId, projectId, timeZone]),
    );
    return row;
  }

  /** Runs a statement that counts days in `timeZone`, turning the database's refusal of the zone into a coded error. */
  private async inTimeZone<T>(timeZone: string | null, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (timeZone !== null && isUnknownTimeZone(error)) throw unknownTimeZone(timeZone);
      throw error;
    }
  }

  /** Label slots still open in unlocked projects (one project or all). */
  async openSlots(projectId: string | null): Promise<string> {
    const [row]: { remaining: string }[] = await this.dataSource.query(OPEN_SLOTS.text, [projectId]);
    return row.remaining;
  }
}
