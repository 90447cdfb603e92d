import { Injectable } from '@nestjs/common';
import { isUuid, type ChatMessage, type QueueOrder } from '@clinrank/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { defineSql, runNamed, type NamedSql } from '@clinrank/server-core';

/** A lease as the queue reads it. */
export interface TaskRow {
  id: string;
  item_id: string;
  display_order: string[];
  expires_at: Date;
}

/** An item as the queue reads it, with its responses in import order. */
export interface CandidateRow {
  id: string;
  language: string;
  specialty: string;
  prompt: string | null;
  messages: ChatMessage[] | null;
  responses: { id: string; text: string }[];
}

/** An open project as the queue reads it, with the annotator's quota, submitted count and live leases. */
export interface QueueProjectRow {
  id: string;
  slug: string;
  name: string;
  kind: string;
  criteria: unknown;
  scale_min: number;
  scale_max: number;
  overlap: number;
  gold_rate: number;
  lease_seconds: number;
  allow_ties: boolean;
  require_rationale: boolean;
  guideline_version: number;
  locked: boolean;
  queue_order: QueueOrder;
  settings: unknown;
  quota: number | null;
  /** The tasks the annotator submitted in the project, counted only under a quota (0 without one). */
  submitted: number | null;
  live_leases: (Omit<TaskRow, 'expires_at'> & { expires_at: string })[];
}

export interface TaskLockRow {
  id: string;
  status: string;
  annotator_id: string;
  project_id: string;
  item_id: string;
}

export interface QueueAnnotator {
  id: string;
  languages: string[];
  specialties: string[];
}

export interface LeaseRequest {
  projectId: string;
  itemId: string;
  annotatorId: string;
  displayOrder: string[];
  leaseSeconds: number;
  overlap: number;
}

/**
 * The projects an annotator may work on (`annotator`: a uuid expression): not removed from it; a member when it takes
 * members only; and under their quota of submitted tasks (nextTask also counts the tasks they hold before leasing another).
 */
function membershipSql(annotator: string): string {
  return `NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = ${annotator} AND m.status = 'removed')
          AND (NOT coalesce((p.settings->>'membersOnly')::boolean, false)
               OR EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = ${annotator} AND m.status = 'member'))
          AND NOT EXISTS (SELECT 1 FROM project_members m WHERE m.project_id = p.id AND m.user_id = ${annotator} AND m.quota IS NOT NULL
                            AND m.quota <= (SELECT count(*) FROM tasks q WHERE q.project_id = p.id AND q.annotator_id = ${annotator} AND q.status = 'submitted'))`;
}

/**
 * Whether item `i` has no more responses than `limit`, an SQL expression for its project's `max_responses`: items
 * imported fully annotated with more responses than the project's limit are never handed to clinicians.
 */
function withinResponseLimitSql(limit: string): string {
  return `(SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= ${limit}`;
}

/** SQL for an item's taken slots: annotators with a label plus live leases, optionally leaving one annotator out. */
function takenSlotsSql(item: string, exceptAnnotator?: string): string {
  const except = exceptAnnotator ? ` AND annotator_id IS DISTINCT FROM ${exceptAnnotator}` : '';
  return `((SELECT count(DISTINCT annotator_id) FROM labels WHERE item_id = ${item}${except})
         + (SELECT count(*) FROM tasks WHERE item_id = ${item} AND status = 'leased' AND expires_at > now()${except}))`;
}

/**
 * The workspace asks for this count while a clinician labels (`myProgress`, at most every 30 s), and it reads every
 * open item of the project. So per item it probes only what it must (the item's responses, for the limit): the
 * annotator's finished items are one hash (NOT IN, uncorrelated), not a probe of `tasks` per item, and the project's
 * limit is read from the joined row. On a project of 50,000 items that took it from 305,000 buffers to 143,000
 * (BENCHMARKS.md, "the workspace's count of what is left"). `projects` is an SQL condition on `i` and `p`.
 */
function remainingSql(projects: string): string {
  return `
    SELECT i.project_id, count(*) AS remaining
     FROM items i JOIN projects p ON p.id = i.project_id
    WHERE NOT p.locked AND ${projects} AND i.label_count < coalesce(i.target_overlap, p.overlap)
      AND ${withinResponseLimitSql('p.max_responses')}
      AND (cardinality($2::text[]) = 0 OR i.language = ANY($2))
      AND (cardinality($3::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($3))
      AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = $4 AND a.status <> 'leased')
    GROUP BY i.project_id`;
}

/** Every open project's count, for the project picker (`$1` null), or one project's by slug. */
const REMAINING_BY_PROJECT = defineSql(
  'task.remaining-by-project',
  remainingSql('($1::text IS NULL OR p.id::text = $1 OR p.slug = $1)'),
);

/**
 * One project's count, by id. The condition is on the items' own column, so the planner estimates the project's share
 * of `items` from its statistics and reads that project's items alone; joined through `projects`, it planned a scan of
 * every project's items whenever another project was larger (BENCHMARKS.md, "the count of what is left, one project
 * among others").
 */
const REMAINING_IN_PROJECT = defineSql('task.remaining-in-project', remainingSql('i.project_id = $1::uuid'));

const LOCK_TASK = defineSql(
  'task.lock',
  `SELECT id, status, annotator_id, project_id, item_id FROM tasks WHERE id = $1 FOR UPDATE`,
);
const MARK_SKIPPED = defineSql(
  'task.mark-skipped',
  `UPDATE tasks SET status = 'skipped', skip_reason = $2, finished_at = now() WHERE id = $1`,
);
const REOPEN_LEASE = defineSql(
  'task.reopen-lease',
  `UPDATE tasks SET status = 'leased', finished_at = NULL, expires_at = now() + make_interval(secs => $2) WHERE id = $1`,
);

const RELEASE_UNFINISHED = defineSql(
  'task.release-unfinished-of-item',
  `WITH released AS (DELETE FROM tasks WHERE item_id = $1 AND status IN ('leased', 'skipped', 'released') RETURNING 1) SELECT count(*)::int AS count FROM released`,
);

/**
 * Locks the tasks of the given items, before a caller locks the items themselves. Every other path that holds a task
 * and an item took the task first (a submit, a skip, an undo, whose triggers then write the item's row); a path that
 * locked the items first and then deleted their tasks deadlocked with them.
 */
const LOCK_TASKS_OF_ITEMS = defineSql(
  'task.lock-of-items',
  `SELECT id FROM tasks WHERE project_id = $1 AND item_id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`,
);

/** Open projects matching `filter` that `annotator` may work on, as QueueProjectRow rows, oldest first. */
function queueProjectsSql(annotator: string, filter: string): string {
  return `
    SELECT p.id, p.slug, p.name, p.kind, p.criteria, p.scale_min, p.scale_max, p.overlap, p.gold_rate, p.lease_seconds, p.allow_ties,
          p.require_rationale, p.guideline_version, p.locked, p.queue_order, p.settings,
          mq.quota,
          -- Counted only under a quota, its one use: the count reads every task the annotator finished in the project,
          -- and every submit and lease reads this row.
          CASE WHEN mq.quota IS NULL THEN 0
               ELSE (SELECT count(*)::int FROM tasks q WHERE q.project_id = p.id AND q.annotator_id = ${annotator} AND q.status = 'submitted')
          END AS submitted,
          COALESCE((SELECT json_agg(json_build_object('id', a.id, 'item_id', a.item_id, 'display_order', a.display_order, 'expires_at', a.expires_at) ORDER BY a.leased_at)
                      FROM tasks a
                     WHERE a.annotator_id = ${annotator} AND a.project_id = p.id AND a.status = 'leased' AND a.expires_at > now()), '[]') AS live_leases
     FROM projects p LEFT JOIN project_members mq ON mq.project_id = p.id AND mq.user_id = ${annotator}
    WHERE NOT p.locked AND ${filter}
      AND ${membershipSql(annotator)}
    ORDER BY p.created_at`;
}

const ELIGIBLE_PROJECTS = defineSql(
  'task.eligible-projects',
  queueProjectsSql('$3', '($1::uuid IS NULL OR p.id = $1) AND ($2::text IS NULL OR p.slug = $2)'),
);

/** What the next-candidate statements look for: a free item of the project's pool for the annotator. */
export interface CandidateQuery {
  projectId: string;
  /** The gold pool or the others. */
  gold: boolean;
  /** The project's overlap (an item's own target overrides it). */
  overlap: number;
  annotator: QueueAnnotator;
  /** Items already tried in this transaction. */
  excluded: string[];
  order?: QueueOrder;
}

function candidateParams(query: CandidateQuery): unknown[] {
  const { annotator } = query;
  return [
    query.projectId,
    query.gold,
    query.overlap,
    annotator.languages,
    annotator.specialties,
    annotator.id,
    query.excluded,
  ];
}

/** Placeholders (or SQL expressions) for the next-candidate query. */
export interface CandidateSqlParams {
  project: string;
  gold: string;
  overlap: string;
  languages: string;
  specialties: string;
  annotator: string;
  /** uuid[] of items already tried. */
  excluded: string;
}

/**
 * How the candidate statement treats items other transactions hold locked: `skip` passes over them (the hot path, so
 * concurrent annotators take different items); `wait` waits for them and re-checks them once their holders commit; `none`
 * reads without locking, to learn whether `skip` passed over any.
 */
export type CandidateLocking = 'skip' | 'wait' | 'none';

const LOCK_CLAUSES: Record<CandidateLocking, string> = {
  skip: 'FOR UPDATE OF i SKIP LOCKED',
  wait: 'FOR UPDATE OF i',
  none: '',
};

/**
 * Whether item `i`'s labels and live leases leave a slot, as two conditions. The item's row counts its open leases
 * (migration OpenLeaseCount), and before `open_leases_live_until` every one of them is live. The first condition reads
 * only the row: when the count is to be trusted and leaves no slot, it rejects the item. It holds no subquery, so the
 * planner checks it before the conditions that probe other tables, and the fully leased items at the queue's head cost
 * no probe at all. The second counts live leases in `tasks`, only for an item whose bound has passed (an open lease
 * may have expired).
 */
function liveLeasesLeaveASlotSql(overlap: string): string {
  const target = `coalesce(i.target_overlap, ${overlap})`;
  return `NOT coalesce(i.open_leases_live_until > now() AND i.label_count + i.open_leases >= ${target}, false)
      AND (i.open_leases = 0 OR i.open_leases_live_until > now()
           OR i.label_count + (SELECT count(*) FROM tasks h WHERE h.item_id = i.id AND h.status = 'leased' AND h.expires_at > now()) < ${target})`;
}

/** Whether item `i` is free for the annotator: a slot left (labels and live leases), within the routing rules. */
function eligibleItemSql(p: CandidateSqlParams): string {
  // The limit is read once per statement (an uncorrelated subquery), not once per item the scan looks at.
  return `i.label_count < coalesce(i.target_overlap, ${p.overlap})
      AND ${withinResponseLimitSql(`(SELECT p.max_responses FROM projects p WHERE p.id = ${p.project})`)}
      -- Skip items whose slots are all taken by live leases too; otherwise they sort first and use up the retries.
      AND ${liveLeasesLeaveASlotSql(p.overlap)}
      AND (cardinality(${p.languages}::text[]) = 0 OR i.language = ANY(${p.languages}))
      AND (cardinality(${p.specialties}::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY(${p.specialties}))
      AND NOT (i.id = ANY(${p.excluded}::uuid[]))
      -- NOT IN, not NOT EXISTS: a hash of the annotator's own items, built once and probed before the subqueries above.
      -- The queue serves the fullest items first, so an annotator working ahead of the team finds all of their own
      -- unfinished items at its head. As an anti-join, each one cost those subqueries and an index probe.
      AND i.id NOT IN (SELECT a.item_id FROM tasks a WHERE a.annotator_id = ${p.annotator} AND a.project_id = ${p.project})
      AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.item_id = i.id AND l.annotator_id = ${p.annotator})`;
}

/**
 * The predicate of the partial index items_queue, repeated so the planner may use it: an item adaptive overlap closed
 * below its maximum is not in the index.
 */
const OPEN_ITEM = `(i.target_overlap IS NULL OR i.label_count < i.target_overlap)`;

/**
 * An index condition on the queue's `label_count` column: no item's target is above the project's overlap or its
 * adaptive maximum (targetOverlap caps it there, and fixed overlap clears the targets), so the scan starts below it and
 * never reads the finished items, which otherwise pile up at the head of a `label_count DESC` order. With the index's
 * own predicate, it never reads the items adaptive overlap closed below its maximum either.
 */
function belowLargestTargetSql(p: CandidateSqlParams): string {
  return `i.label_count < (SELECT greatest(${p.overlap}, q.overlap, q.overlap_max) FROM projects q WHERE q.id = ${p.project})
      AND ${OPEN_ITEM}`;
}

/** The item's responses as the client reads them, in their stored order; `item` names the row that holds the id. */
function responsesJsonSql(item: string): string {
  return `(SELECT json_agg(json_build_object('id', r.id, 'text', r.text) ORDER BY r.position) FROM responses r WHERE r.item_id = ${item}.id)`;
}

/**
 * The next free item for the annotator, locked; SKIP LOCKED so concurrent annotators take different items. The
 * responses are read outside the locking scan: its output list is computed for every row before the lock is tried, and
 * at the queue's head most rows are ones a concurrent submit holds, which SKIP LOCKED then passes over.
 */
function nextCandidateSql(p: CandidateSqlParams, locking: CandidateLocking = 'skip'): string {
  return `
    SELECT c.id, c.language, c.specialty, c.prompt, c.messages, ${responsesJsonSql('c')} AS responses
      FROM (SELECT i.id, i.language, i.specialty, i.prompt, i.messages
              FROM items i
             WHERE i.project_id = ${p.project} AND i.is_gold = ${p.gold} AND ${belowLargestTargetSql(p)}
               AND ${eligibleItemSql(p)}
             ORDER BY i.label_count DESC, i.id
             LIMIT 1
             ${LOCK_CLAUSES[locking]}) c`;
}

/**
 * The same, least-certain first: the scored items in item_uncertainty's (project, score DESC, item) index order, joined
 * to items by primary key, so the scan stops at the first free one as the fixed order's does; only when none is free,
 * the unscored items in the fixed order. Gold items are never scored: a gold draw skips the scores (a one-time filter
 * on the parameter) and takes the fixed order, so the gold rate alone decides when one is served.
 */
function nextUncertainCandidateSql(p: CandidateSqlParams, locking: CandidateLocking = 'skip'): string {
  return `
    WITH scored AS MATERIALIZED (
      SELECT i.id, i.language, i.specialty, i.prompt, i.messages
        FROM item_uncertainty u JOIN items i ON i.id = u.item_id
       WHERE NOT ${p.gold} AND u.project_id = ${p.project} AND i.project_id = ${p.project} AND NOT i.is_gold
         AND ${eligibleItemSql(p)}
       ORDER BY u.score DESC, u.item_id
       LIMIT 1
       ${LOCK_CLAUSES[locking]}
    ), unscored AS MATERIALIZED (
      SELECT i.id, i.language, i.specialty, i.prompt, i.messages
        FROM items i
       WHERE NOT EXISTS (SELECT 1 FROM scored) AND i.project_id = ${p.project} AND i.is_gold = ${p.gold}
         AND ${belowLargestTargetSql(p)} AND ${eligibleItemSql(p)}
         -- A gold draw takes every gold item (one set gold after it was scored too); otherwise the scored ones were tried above.
         AND (${p.gold} OR NOT EXISTS (SELECT 1 FROM item_uncertainty s WHERE s.item_id = i.id))
       ORDER BY i.label_count DESC, i.id
       LIMIT 1
       ${LOCK_CLAUSES[locking]}
    )
    SELECT c.id, c.language, c.specialty, c.prompt, c.messages, ${responsesJsonSql('c')} AS responses
     FROM (SELECT * FROM scored UNION ALL SELECT * FROM unscored) c`;
}

const CANDIDATE_PARAMS: CandidateSqlParams = {
  project: '$1',
  gold: '$2',
  overlap: '$3',
  languages: '$4',
  specialties: '$5',
  annotator: '$6',
  excluded: '$7',
};

/** Hot path: the next free item for the annotator, locked (SKIP LOCKED so concurrent annotators take different items). */
const NEXT_CANDIDATE = defineSql('task.lock-next-candidate', nextCandidateSql(CANDIDATE_PARAMS));
/** The same, least-certain item first (projects with queue_order 'uncertainty'). */
const NEXT_UNCERTAIN_CANDIDATE = defineSql(
  'task.lock-next-uncertain-candidate',
  nextUncertainCandidateSql(CANDIDATE_PARAMS),
);

/**
 * Longest wait for an item another transaction holds: a submit or a lease holds it for milliseconds. Below PostgreSQL's
 * default deadlock_timeout (1 s), so two submits each waiting for the other's item give up before a deadlock is declared.
 */
export const LOCKED_CANDIDATE_WAIT_MS = 500;
const LOCK_NOT_AVAILABLE = '55P03';
const DEADLOCK_DETECTED = '40P01';

/** The rare path when the hot one found nothing: reads the queue without locking, then waits for locked items. */
const CANDIDATE_STATEMENTS: Record<QueueOrder, Record<CandidateLocking, NamedSql>> = {
  fixed: {
    skip: NEXT_CANDIDATE,
    none: defineSql('task.peek-next-candidate', nextCandidateSql(CANDIDATE_PARAMS, 'none')),
    wait: defineSql('task.wait-next-candidate', nextCandidateSql(CANDIDATE_PARAMS, 'wait')),
  },
  uncertainty: {
    skip: NEXT_UNCERTAIN_CANDIDATE,
    none: defineSql('task.peek-next-uncertain-candidate', nextUncertainCandidateSql(CANDIDATE_PARAMS, 'none')),
    wait: defineSql('task.wait-next-uncertain-candidate', nextUncertainCandidateSql(CANDIDATE_PARAMS, 'wait')),
  },
};

/** Hot path: the lease, inserted only if the slots re-counted under the item's row lock leave room. */
const INSERT_LEASE = defineSql(
  'task.insert-lease-if-slot-free',
  `
   INSERT INTO tasks (project_id, item_id, annotator_id, status, display_order, expires_at)
   SELECT $1, $2, $3, 'leased', $4, now() + make_interval(secs => $5)
    WHERE ${takenSlotsSql('$2')} < coalesce((SELECT target_overlap FROM items WHERE id = $2), $6)
   RETURNING id, item_id, display_order, expires_at`,
);

const TAKEN_SLOTS = defineSql('task.taken-slots', `SELECT ${takenSlotsSql('$1', '$2')} AS taken`);
const PAIR_LABEL_COUNTS = defineSql(
  'task.pair-label-counts',
  `SELECT pair_key, count(*)::int AS n FROM labels WHERE item_id = $1 GROUP BY pair_key`,
);
const LIVE_LEASE_ORDERS = defineSql(
  'task.live-lease-orders',
  `SELECT display_order FROM tasks WHERE item_id = $1 AND status = 'leased' AND expires_at > now()`,
);
const RESPONSE_MODELS = defineSql(
  'task.response-models',
  `SELECT id, model FROM responses WHERE item_id = $1 ORDER BY position`,
);
const TIMES_ON_SIDE_A = defineSql(
  'task.times-on-side-a',
  `
    SELECT ra.model, count(*)::int AS n
     FROM tasks a
     JOIN responses ra ON ra.id = a.display_order[1]
     JOIN responses rb ON rb.id = a.display_order[2]
    WHERE a.project_id = $1 AND cardinality(a.display_order) = 2
      AND ((ra.model = $2 AND rb.model = $3) OR (ra.model = $3 AND rb.model = $2))
    GROUP BY ra.model`,
);
const ITEM_WITH_SHOWN_RESPONSES = defineSql(
  'task.item-with-shown-responses',
  `
     SELECT i.id, i.language, i.specialty, i.prompt, i.messages,
          (SELECT json_agg(json_build_object('id', r.id, 'text', r.text)) FROM responses r WHERE r.id = ANY($2::uuid[])) AS responses
     FROM items i WHERE i.id = $1`,
);

/** The tasks table's statements, and the queue's reads that go with them. */
@Injectable()
export class TaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * SQL for one open project (the first that `filter` matches) that `annotator` may work on, as a QueueProjectRow, for
   * another feature's statement to read with its own row (see label.lock-task-for-submission).
   */
  static queueProjectSql(annotator: string, filter: string): string {
    return `${queueProjectsSql(annotator, filter)}\n    LIMIT 1`;
  }

  /** SQL for the next free item, locked, for another feature's statement to lock in a CTE (see label.insert-submitted-with-audit). */
  static nextCandidateSql(params: CandidateSqlParams, order: QueueOrder = 'fixed'): string {
    return order === 'uncertainty' ? nextUncertainCandidateSql(params) : nextCandidateSql(params);
  }

  /** Per open project (or the one named by id or slug): items with a free slot the annotator may still label. */
  async remainingByProject(
    annotator: QueueAnnotator,
    projectIdOrSlug: string | null,
  ): Promise<{ project_id: string; remaining: string }[]> {
    const byId = projectIdOrSlug !== null && isUuid(projectIdOrSlug);
    return this.dataSource.query((byId ? REMAINING_IN_PROJECT : REMAINING_BY_PROJECT).text, [
      projectIdOrSlug,
      annotator.languages,
      annotator.specialties,
      annotator.id,
    ]);
  }

  async lockTask(manager: EntityManager, taskId: string): Promise<TaskLockRow | null> {
    const rows: TaskLockRow[] = await manager.query(LOCK_TASK.text, [taskId]);
    return rows[0] ?? null;
  }

  async markSkipped(manager: EntityManager, taskId: string, reason: string): Promise<void> {
    await manager.query(MARK_SKIPPED.text, [taskId, reason]);
  }

  /** Hands a submitted task back to its annotator ("undo") with a fresh lease. */
  async reopenLease(manager: EntityManager, taskId: string, leaseSeconds: number): Promise<void> {
    await manager.query(REOPEN_LEASE.text, [taskId, leaseSeconds]);
  }

  /** Locks the items' tasks; call it before locking the items (see LOCK_TASKS_OF_ITEMS). */
  async lockTasksOfItems(manager: EntityManager, projectId: string, itemIds: string[]): Promise<void> {
    await runNamed(manager, LOCK_TASKS_OF_ITEMS, [projectId, itemIds]);
  }

  /** Ends the item's live leases and forgets skips and releases, so it is offered again; returns how many went. */
  async releaseUnfinished(manager: EntityManager, itemId: string): Promise<number> {
    const [row]: { count: number }[] = await manager.query(RELEASE_UNFINISHED.text, [itemId]);
    return row.count;
  }

  /** Open projects the annotator may work on (optionally one, by id or slug), with their quota and live leases. */
  async eligibleProjects(
    annotatorId: string,
    projectId: string | null,
    projectSlug: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<QueueProjectRow[]> {
    return runNamed(manager, ELIGIBLE_PROJECTS, [projectId, projectSlug, annotatorId]);
  }

  async lockNextCandidate(manager: EntityManager, query: CandidateQuery): Promise<CandidateRow | null> {
    const rows: CandidateRow[] = await runNamed(
      manager,
      CANDIDATE_STATEMENTS[query.order ?? 'fixed'].skip,
      candidateParams(query),
    );
    return rows[0] ?? null;
  }

  /**
   * After lockNextCandidate found nothing: the next free item that other transactions held locked, once they commit, or
   * null. SKIP LOCKED alone would tell an annotator the queue is empty while the last items are only held for a moment
   * by someone else's submit. Costs one unlocked read when nothing is locked; the wait runs under a savepoint with a lock
   * timeout, so giving up leaves the caller's transaction (a submit, with next) intact.
   */
  async waitForLockedCandidate(manager: EntityManager, query: CandidateQuery): Promise<CandidateRow | null> {
    const statements = CANDIDATE_STATEMENTS[query.order ?? 'fixed'];
    const params = candidateParams(query);
    const seen: CandidateRow[] = await runNamed(manager, statements.none, params);
    if (seen.length === 0) return null;
    await manager.query(`SAVEPOINT locked_candidate; SET LOCAL lock_timeout = ${LOCKED_CANDIDATE_WAIT_MS}`);
    try {
      const rows: CandidateRow[] = await runNamed(manager, statements.wait, params);
      await manager.query('SET LOCAL lock_timeout TO DEFAULT; RELEASE SAVEPOINT locked_candidate');
      return rows[0] ?? null;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== LOCK_NOT_AVAILABLE && code !== DEADLOCK_DETECTED) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT locked_candidate; RELEASE SAVEPOINT locked_candidate');
      return null;
    }
  }

  /** The lease, or null when the slots were filled meanwhile. The caller holds the item's row lock. */
  async insertLeaseIfSlotFree(manager: EntityManager, lease: LeaseRequest): Promise<TaskRow | null> {
    const rows: TaskRow[] = await runNamed(manager, INSERT_LEASE, [
      lease.projectId,
      lease.itemId,
      lease.annotatorId,
      lease.displayOrder,
      lease.leaseSeconds,
      lease.overlap,
    ]);
    return rows[0] ?? null;
  }

  async takenSlots(manager: EntityManager, itemId: string, exceptAnnotator: string | null): Promise<number> {
    const [row]: { taken: string }[] = await manager.query(TAKEN_SLOTS.text, [itemId, exceptAnnotator]);
    return Number(row.taken);
  }

  async pairLabelCounts(manager: EntityManager, itemId: string): Promise<{ pair_key: string; n: number }[]> {
    return manager.query(PAIR_LABEL_COUNTS.text, [itemId]);
  }

  async liveLeaseOrders(manager: EntityManager, itemId: string): Promise<string[][]> {
    const rows: { display_order: string[] }[] = await manager.query(LIVE_LEASE_ORDERS.text, [itemId]);
    return rows.map((row) => row.display_order);
  }

  async responseModels(manager: EntityManager, itemId: string): Promise<{ id: string; model: string }[]> {
    return manager.query(RESPONSE_MODELS.text, [itemId]);
  }

  async timesOnSideA(
    manager: EntityManager,
    projectId: string,
    modelX: string,
    modelY: string,
  ): Promise<{ model: string; n: number }[]> {
    return manager.query(TIMES_ON_SIDE_A.text, [projectId, modelX, modelY]);
  }

  async itemWithShownResponses(manager: EntityManager, itemId: string, shown: string[]): Promise<CandidateRow> {
    const [row]: CandidateRow[] = await runNamed(manager, ITEM_WITH_SHOWN_RESPONSES, [itemId, shown]);
    return row;
  }
}
