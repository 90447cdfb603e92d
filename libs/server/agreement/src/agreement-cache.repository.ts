import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

export interface AgreementCacheRow {
  stamp: string;
  result: unknown;
  compute_ms: number;
  computed_at: Date;
}

const FIND = defineSql(
  'agreement.cache-find',
  `SELECT stamp, result, compute_ms, computed_at FROM agreement_cache WHERE project_id = $1 AND cache_key = $2`,
);
const UPSERT = defineSql(
  'agreement.cache-upsert',
  `
  INSERT INTO agreement_cache (project_id, cache_key, stamp, result, compute_ms, computed_at) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (project_id, cache_key) DO UPDATE SET stamp = EXCLUDED.stamp, result = EXCLUDED.result, compute_ms = EXCLUDED.compute_ms, computed_at = EXCLUDED.computed_at`,
);
const PRUNE = defineSql(
  'agreement.cache-prune',
  `DELETE FROM agreement_cache WHERE project_id = $1 AND computed_at < now() - make_interval(days => $2)`,
);

/** agreement_cache: computed analytics results, shared by every API process and the CLI. */
@Injectable()
export class AgreementCacheRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async find(projectId: string, key: string): Promise<AgreementCacheRow | null> {
    const [row]: AgreementCacheRow[] = await this.dataSource.query(FIND.text, [projectId, key]);
    return row ?? null;
  }

  async upsert(
    projectId: string,
    key: string,
    entry: { stamp: string; result: unknown; computeMs: number; computedAt: Date },
  ): Promise<void> {
    await this.dataSource.query(UPSERT.text, [
      projectId,
      key,
      entry.stamp,
      JSON.stringify(entry.result),
      entry.computeMs,
      entry.computedAt,
    ]);
  }

  /** Drops the project's results not recomputed for `days` days. */
  async pruneOlderThan(projectId: string, days: number): Promise<void> {
    await this.dataSource.query(PRUNE.text, [projectId, days]);
  }
}
