import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AnnotatorCounts {
  annotatorId: string;
  username: string;
  kind: string;
  labels: number;
  skipped: number;
  labelsToday: number;
  medianTimeMs: number | null;
  lastLabelAt: Date | null;
}

export interface ProjectProgress {
  items: number;
  responses: number;
  labels: number;
  completeItems: number;
  inProgressItems: number;
  pendingItems: number;
  activeLeases: number;
  annotators: AnnotatorCounts[];
  perDay: { day: string; annotatorId: string; username: string; labels: number }[];
}

/** Counts for dashboards, the CLI's `stats`, and an annotator's own progress bar. */
@Injectable()
export class ProgressService {
  constructor(private readonly dataSource: DataSource) {}

  async projectProgress(projectId: string, days = 30): Promise<ProjectProgress> {
    const [totals] = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM items WHERE project_id = $1) AS items,
              (SELECT count(*) FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1) AS responses,
              (SELECT count(*) FROM labels WHERE project_id = $1) AS labels,
              (SELECT count(*) FROM items i JOIN projects p ON p.id = i.project_id WHERE i.project_id = $1 AND i.label_count >= p.overlap) AS complete,
              (SELECT count(*) FROM items i JOIN projects p ON p.id = i.project_id WHERE i.project_id = $1 AND i.label_count > 0 AND i.label_count < p.overlap) AS in_progress,
              (SELECT count(*) FROM assignments WHERE project_id = $1 AND status = 'leased' AND expires_at > now()) AS leases`,
      [projectId],
    );
    const annotators = await this.dataSource.query(
      `SELECT u.id, u.username, u.kind,
              count(l.id) AS labels,
              count(l.id) FILTER (WHERE l.created_at >= date_trunc('day', now())) AS today,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY l.time_spent_ms) FILTER (WHERE l.origin = 'ui') AS median_ms,
              max(l.created_at) AS last_at,
              (SELECT count(*) FROM assignments a WHERE a.project_id = $1 AND a.annotator_id = u.id AND a.status = 'skipped') AS skipped
         FROM labels l JOIN users u ON u.id = l.annotator_id
        WHERE l.project_id = $1
        GROUP BY u.id, u.username, u.kind
        ORDER BY u.username`,
      [projectId],
    );
    const perDay = await this.dataSource.query(
      `SELECT to_char(date_trunc('day', l.created_at), 'YYYY-MM-DD') AS day, u.id, u.username, count(*) AS labels
         FROM labels l JOIN users u ON u.id = l.annotator_id
        WHERE l.project_id = $1 AND l.created_at >= now() - make_interval(days => $2)
        GROUP BY 1, 2, 3 ORDER BY 1, 3`,
      [projectId, days],
    );
    const items = Number(totals.items);
    return {
      items,
      responses: Number(totals.responses),
      labels: Number(totals.labels),
      completeItems: Number(totals.complete),
      inProgressItems: Number(totals.in_progress),
      pendingItems: items - Number(totals.complete) - Number(totals.in_progress),
      activeLeases: Number(totals.leases),
      annotators: annotators.map((row: Record<string, unknown>) => ({
        annotatorId: row.id as string,
        username: row.username as string,
        kind: row.kind as string,
        labels: Number(row.labels),
        skipped: Number(row.skipped),
        labelsToday: Number(row.today),
        medianTimeMs: row.median_ms === null ? null : Number(row.median_ms),
        lastLabelAt: row.last_at as Date | null,
      })),
      perDay: perDay.map((row: Record<string, unknown>) => ({ day: row.day as string, annotatorId: row.id as string, username: row.username as string, labels: Number(row.labels) })),
    };
  }

  async annotatorProgress(annotatorId: string, projectId: string | null): Promise<{ doneToday: number; doneTotal: number; remaining: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE l.created_at >= date_trunc('day', now())) AS today, count(*) AS total
         FROM labels l WHERE l.annotator_id = $1 AND ($2::uuid IS NULL OR l.project_id = $2)`,
      [annotatorId, projectId],
    );
    const [open] = await this.dataSource.query(
      `SELECT coalesce(sum(greatest(p.overlap - i.label_count, 0)), 0) AS remaining
         FROM items i JOIN projects p ON p.id = i.project_id
        WHERE NOT p.locked AND ($1::uuid IS NULL OR p.id = $1)`,
      [projectId],
    );
    return { doneToday: Number(row.today), doneTotal: Number(row.total), remaining: Number(open.remaining) };
  }
}
