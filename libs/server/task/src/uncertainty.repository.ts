import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { defineSql, runNamed } from '@clinrank/server-core';

/** A project's scores summarised: range, latest scoring, and the count in each of `bins` equal-width bins. */
export interface UncertaintySummaryRow {
  scored: number;
  unscored: number;
  min_score: number | null;
  max_score: number | null;
  scored_at: Date | null;
  run_id: string | null;
  /** 1-based bin numbers with their counts; bins without items are absent. */
  bins: { bin: number; count: number }[];
}

const SUMMARY = defineSql(
  'task.uncertainty-summary',
  `
    WITH range AS (
      SELECT min(score) AS lo, max(score) AS hi, count(*)::int AS scored, max(scored_at) AS scored_at
        FROM item_uncertainty WHERE project_id = $1)
    SELECT r.scored, r.lo AS min_score, r.hi AS max_score, r.scored_at,
           (SELECT u.run_id FROM item_uncertainty u WHERE u.project_id = $1 ORDER BY u.scored_at DESC LIMIT 1) AS run_id,
           (SELECT count(*)::int FROM items i JOIN projects p ON p.id = i.project_id
             WHERE i.project_id = $1 AND NOT i.is_gold AND i.label_count < coalesce(i.target_overlap, p.overlap)
               AND NOT EXISTS (SELECT 1 FROM item_uncertainty u WHERE u.item_id = i.id)) AS unscored,
           coalesce((SELECT json_agg(json_build_object('bin', b.bin, 'count', b.count) ORDER BY b.bin)
                       FROM (SELECT CASE WHEN r.hi = r.lo THEN 1 ELSE least(width_bucket(u.score, r.lo, r.hi, $2), $2) END AS bin,
                                    count(*)::int AS count
                               FROM item_uncertainty u WHERE u.project_id = $1 GROUP BY 1) b), '[]') AS bins
      FROM range r`,
);

/** Reads of item_uncertainty (the worker writes it: see WORKER_STATEMENTS' worker.store-uncertainty). */
@Injectable()
export class UncertaintyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async summary(projectId: string, bins: number): Promise<UncertaintySummaryRow> {
    const [row]: UncertaintySummaryRow[] = await runNamed(this.dataSource.manager, SUMMARY, [projectId, bins]);
    return row;
  }
}
