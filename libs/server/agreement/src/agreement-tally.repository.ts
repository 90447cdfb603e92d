import type { LabelContent } from '@clinrank/domain';
import type { DataSource, QueryRunner } from 'typeorm';
import { copyToStdout, defineSql } from '@clinrank/server-core';

/** One label as the tally reads it. */
export interface TallyLabelRow {
  item_id: string;
  annotator_id: string;
  pair_key: string;
  content: LabelContent;
}

/** One recorded label change (see migration AgreementTally). */
export interface LabelChangeRow {
  id: string;
  item_id: string;
  annotator_id: string;
  pair_key: string;
  before: LabelContent | null;
}

const TALLY_VERSION = defineSql(
  'agreement.tally-version',
  `SELECT state IS NOT NULL AS built, version::text AS version,
          EXISTS (SELECT 1 FROM agreement_label_changes c WHERE c.project_id = $1) AS pending
     FROM agreement_tallies WHERE project_id = $1`,
);
const TALLY_STATE = defineSql(
  'agreement.tally-state',
  `SELECT state, version::text AS version FROM agreement_tallies WHERE project_id = $1`,
);
const MARK_BUILDING = defineSql(
  'agreement.tally-mark-building',
  `INSERT INTO agreement_tallies (project_id, state) VALUES ($1, NULL) ON CONFLICT (project_id) DO NOTHING`,
);
const SNAPSHOT_XMAX = defineSql(
  'agreement.snapshot-xmax',
  `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`,
);
const OLDER_FINISHED = defineSql(
  'agreement.older-transactions-finished',
  `SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS finished`,
);
const SAVE_TALLY = defineSql(
  'agreement.tally-save',
  `UPDATE agreement_tallies SET state = $2, version = version + 1, updated_at = now() WHERE project_id = $1
   RETURNING version::text AS version`,
);
const CHANGES = defineSql(
  'agreement.label-changes',
  // Ordered by the bigint (the output column is text).
  `SELECT c.id::text AS id, c.item_id, c.annotator_id, c.pair_key, c.before
     FROM agreement_label_changes c WHERE c.project_id = $1 ORDER BY c.id`,
);
const DELETE_CHANGES = defineSql(
  'agreement.label-changes-delete',
  `DELETE FROM agreement_label_changes WHERE project_id = $1 AND id <= $2::bigint`,
);
const LABELS_OF_ITEMS = defineSql(
  'agreement.tally-labels-of-items',
  `SELECT item_id, annotator_id, pair_key, content FROM labels WHERE item_id = ANY($1::uuid[]) ORDER BY item_id, annotator_id, pair_key`,
);
const POSITIONS_OF_ITEMS = defineSql(
  'agreement.tally-positions-of-items',
  `SELECT id, position FROM responses WHERE item_id = ANY($1::uuid[])`,
);
const DECLARE_LABELS = defineSql(
  'agreement.tally-declare-labels',
  `DECLARE tally_labels NO SCROLL CURSOR FOR
   SELECT item_id, annotator_id, pair_key, content FROM labels WHERE project_id = $1 ORDER BY item_id, annotator_id, pair_key`,
);
// Small batches: the event loop answers other requests between them while a background rescan runs.
const FETCH_LABELS = defineSql('agreement.tally-fetch-labels', `FETCH 2000 FROM tally_labels`);
const POSITIONS_OF_PROJECT = defineSql(
  'agreement.tally-positions-of-project',
  `SELECT r.id, r.position FROM responses r JOIN items i ON i.id = r.item_id WHERE i.project_id = $1`,
);
/** The most criteria (with `overall`) the COPY of pairwise judgements codes; a project with more takes the generic scan. */
export const COPY_CRITERIA = 8;
// COPY takes no parameters: the project and its criteria are set for the transaction (set_config … true) and read back.
// JIT off: compiling the labels COPY's expressions cost 0.1–0.2 s of its 2.3 s and saved nothing (BENCHMARKS.md).
const SET_COPY_SCOPE = defineSql(
  'agreement.tally-copy-scope',
  `SELECT set_config('clinrank.tally_project', $1, true), set_config('clinrank.tally_criteria', $2::text[]::text, true),
          set_config('jit', 'off', true)`,
);
/** A judgement's code: 0 absent, 1 + 3·choice (a, b, tie, both_bad) + strength (none, slightly, much), < 0 unreadable. */
const judgementCode = (
  i: number,
) => `CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[${i}], 'choice'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'a' THEN 1 WHEN 'b' THEN 4 WHEN 'tie' THEN 7 WHEN 'both_bad' THEN 10 ELSE -100 END
             + CASE coalesce(l.content #>> (SELECT ARRAY['judgements', c[${i}], 'strength'] FROM scope), '')
               WHEN '' THEN 0 WHEN 'slightly' THEN 1 WHEN 'much' THEN 2 ELSE -100 END`;
/**
 * One text line per label, in the scan's order: item, annotator, response a, response b, 1 when the label needs the
 * generic scan (not pairwise content), then one code per listed criterion (one statement per number of criteria). The
 * settings are read in uncorrelated sub-selects, each evaluated once (an InitPlan), and the values by path (#>>), which
 * copies no intermediate object: the per-row jsonb work is what this statement costs beyond its index scan.
 */
const COPY_PAIRWISE = Array.from({ length: COPY_CRITERIA }, (_, n) =>
  defineSql(
    `agreement.tally-copy-pairwise-${n + 1}`,
    `COPY (
       WITH scope AS (SELECT current_setting('clinrank.tally_criteria')::text[] AS c)
       SELECT l.item_id, l.annotator_id, l.content->>'a', l.content->>'b',
              (l.content->>'kind' IS DISTINCT FROM 'pairwise')::int,
              ${Array.from({ length: n + 1 }, (_, i) => judgementCode(i + 1)).join(',\n              ')}
         FROM labels l
        WHERE l.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
        ORDER BY l.item_id, l.annotator_id, l.pair_key
     ) TO STDOUT`,
  ),
);
const COPY_POSITIONS = defineSql(
  'agreement.tally-copy-positions',
  `COPY (
     SELECT r.id, r.position FROM responses r JOIN items i ON i.id = r.item_id
      WHERE i.project_id = (SELECT current_setting('clinrank.tally_project')::uuid)
   ) TO STDOUT`,
);
const RESET = defineSql('agreement.tally-reset', `DELETE FROM agreement_tallies WHERE project_id = $1`);
const LOCK = defineSql(
  'agreement.tally-lock',
  `SELECT pg_advisory_lock(hashtextextended('agreement-tally:' || $1, 0))`,
);
const UNLOCK = defineSql(
  'agreement.tally-unlock',
  `SELECT pg_advisory_unlock(hashtextextended('agreement-tally:' || $1, 0))`,
);

/** The agreement tally's table, the label changes recorded since, and the reads that bring it up to date. */
export class AgreementTallyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether the project's tally is built, its version, and whether label changes wait to be applied. */
  async version(
    runner: QueryRunner | DataSource,
    projectId: string,
  ): Promise<{ built: boolean; version: number; pending: boolean } | null> {
    const [row] = await runner.query(TALLY_VERSION.text, [projectId]);
    return row ? { built: row.built, version: Number(row.version), pending: row.pending } : null;
  }

  async state(
    runner: QueryRunner | DataSource,
    projectId: string,
  ): Promise<{ state: unknown; version: number } | null> {
    const [row] = await runner.query(TALLY_STATE.text, [projectId]);
    return row ? { state: row.state, version: Number(row.version) } : null;
  }

  /** A connection of its own, holding the project's tally lock (a session advisory lock) until released. */
  async locked<T>(projectId: string, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(LOCK.text, [projectId]);
      try {
        return await work(runner);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.query(UNLOCK.text, [projectId]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Drops the project's tally (and, by trigger, its recorded changes): the next read builds it again. */
  async reset(runner: QueryRunner, projectId: string): Promise<void> {
    await runner.query(RESET.text, [projectId]);
  }

  /** Creates the tally row (state NULL): from its commit on, the triggers record the project's label changes. */
  async markBuilding(runner: QueryRunner, projectId: string): Promise<void> {
    await runner.query(MARK_BUILDING.text, [projectId]);
  }

  /** Waits until every transaction running now has ended (so none wrote a label without seeing the tally row). */
  async waitForOlderTransactions(runner: QueryRunner, timeoutMs: number): Promise<boolean> {
    const [{ xmax }] = await runner.query(SNAPSHOT_XMAX.text);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [{ finished }] = await runner.query(OLDER_FINISHED.text, [xmax]);
      if (finished) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async save(runner: QueryRunner, projectId: string, state: unknown): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows] = await runner.query(SAVE_TALLY.text, [projectId, JSON.stringify(state)]);
    return Number(rows[0].version);
  }

  changes(runner: QueryRunner, projectId: string): Promise<LabelChangeRow[]> {
    return runner.query(CHANGES.text, [projectId]);
  }

  /** Drops the changes up to `lastId`; in a REPEATABLE READ transaction, only those its snapshot sees. */
  async deleteChanges(runner: QueryRunner, projectId: string, lastId: string): Promise<void> {
    await runner.query(DELETE_CHANGES.text, [projectId, lastId]);
  }

  labelsOfItems(runner: QueryRunner, items: string[]): Promise<TallyLabelRow[]> {
    return runner.query(LABELS_OF_ITEMS.text, [items]);
  }

  positionsOfItems(runner: QueryRunner, items: string[]): Promise<{ id: string; position: number }[]> {
    return runner.query(POSITIONS_OF_ITEMS.text, [items]);
  }

  positionsOfProject(runner: QueryRunner, projectId: string): Promise<{ id: string; position: number }[]> {
    return runner.query(POSITIONS_OF_PROJECT.text, [projectId]);
  }

  /**
   * The positions of the project's responses, then every label of a pairwise project reduced to its judgements' codes
   * on `criteria` (at most COPY_CRITERIA), ordered as projectLabels orders them: each COPY row's bytes to its callback.
   * The caller's transaction must be open.
   */
  async copyPairwise(
    runner: QueryRunner,
    projectId: string,
    criteria: string[],
    onPosition: (row: Buffer) => void,
    onLabel: (row: Buffer) => void,
  ): Promise<void> {
    await runner.query(SET_COPY_SCOPE.text, [projectId, criteria]);
    await copyToStdout(runner, COPY_POSITIONS.text, onPosition);
    await copyToStdout(runner, COPY_PAIRWISE[criteria.length - 1].text, onLabel);
  }

  /** Every label of the project, ordered by item, in batches (a cursor: the caller's transaction must be open). */
  async *projectLabels(runner: QueryRunner, projectId: string): AsyncGenerator<TallyLabelRow[]> {
    await runner.query(DECLARE_LABELS.text, [projectId]);
    for (;;) {
      const rows: TallyLabelRow[] = await runner.query(FETCH_LABELS.text);
      if (rows.length === 0) break;
      yield rows;
    }
  }
}
