#!/usr/bin/env node
/**
 * The next-candidate statement for an annotator working far ahead of the team: they labelled --ahead items that still
 * wait for other annotators (at the head of the fullest-first queue), and --finished items are complete. Times the
 * statement as the API runs it (a named prepared statement, from queries/task.sql or --queries FILE) for that
 * annotator and for a new one, and reports the median time and buffers read.
 *
 *   node bench/queue-ahead.mjs [--items 6000] [--ahead 3000] [--finished 2000] [--runs 50] [--queries FILE]
 *                              [--adaptive] [--full-index]
 *
 * Compare with an earlier release's statement in the same run:
 *   git show aec4b30:queries/task.sql > /tmp/task-before.sql && node bench/queue-ahead.mjs --queries /tmp/task-before.sql
 *
 * --adaptive makes the project adaptive (overlap 2 to 4): the --finished items are then closed at two labels (target
 * 2, below the maximum) instead of complete at three. --full-index puts back the queue index of releases before the
 * partial one (every item in it), to time their statement on their index:
 *   git show 7a4edf4:queries/task.sql > /tmp/task-before.sql
 *   node bench/queue-ahead.mjs --adaptive --full-index --queries /tmp/task-before.sql
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a database
 * clinrank_queue_ahead_* is created and dropped afterwards.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  registeredStatement,
  textOption,
  wholeNumberOption,
  withClient,
  withScratchDatabase,
} from './bench-options.mjs';
import { createAnnotator, migratedPairwiseProject, timeStatement } from './queue-bench-support.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const ITEMS = wholeNumberOption('items', 6000);
const AHEAD = wholeNumberOption('ahead', 3000);
const FINISHED = wholeNumberOption('finished', 2000);
const RUNS = wholeNumberOption('runs', 50);
const QUERIES = textOption('queries', join(root, 'queries/task.sql'));
const ADAPTIVE = process.argv.includes('--adaptive');
const FULL_INDEX = process.argv.includes('--full-index');
if (AHEAD + FINISHED >= ITEMS) {
  process.stderr.write('--ahead plus --finished must leave some items open\n');
  process.exit(2);
}
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

async function setUp(url) {
  migratedPairwiseProject(url, 'ahead', ITEMS);
  for (const username of ['ahead', 'new']) createAnnotator(url, username);
  await withClient(url, async (client) => {
    // The annotator's labelled tasks, as submitted; their items wait for two more annotators each.
    await client.query(
      `WITH chosen AS (SELECT i.id, i.project_id FROM items i ORDER BY i.id LIMIT $1),
            shown AS (SELECT c.id AS item_id, c.project_id, array_agg(r.id ORDER BY r.position) AS ids
                        FROM chosen c JOIN responses r ON r.item_id = c.id GROUP BY c.id, c.project_id),
            tasks AS (INSERT INTO tasks (project_id, item_id, annotator_id, status, display_order, expires_at, finished_at)
                      SELECT s.project_id, s.item_id, u.id, 'submitted', s.ids, now(), now()
                        FROM shown s, users u WHERE u.username = 'ahead'
                      RETURNING id, item_id, project_id, annotator_id, display_order)
       INSERT INTO labels (project_id, item_id, annotator_id, task_id, submission_id, kind, content, display_order,
                           guideline_version, pair_key)
       SELECT project_id, item_id, annotator_id, id, gen_random_uuid(), 'pairwise',
              '{"judgements":{"overall":{"choice":"a"}}}', display_order, 1, array_to_string(display_order, '|')
         FROM tasks`,
      [AHEAD],
    );
    await client.query(`UPDATE items SET label_count = 1 WHERE id IN (SELECT item_id FROM labels)`);
    if (ADAPTIVE) await client.query(`UPDATE projects SET overlap = 2, overlap_max = 4, overlap_confidence = 0.75`);
    // Finished: complete at 3 (fixed), or closed at two agreeing labels below the maximum (adaptive).
    await client.query(
      `UPDATE items SET label_count = $2, target_overlap = $3 WHERE id IN (
         SELECT id FROM items WHERE label_count = 0 ORDER BY id DESC LIMIT $1)`,
      ADAPTIVE ? [FINISHED, 2, 2] : [FINISHED, 3, null],
    );
    if (FULL_INDEX) {
      await client.query(`DROP INDEX items_queue`);
      await client.query(`CREATE INDEX items_queue ON items (project_id, is_gold, label_count DESC, id)`);
    }
    await client.query('VACUUM ANALYZE');
  });
}

/** Median wall time and buffers of the statement for one annotator. */
async function measure(client, text, parameters) {
  const { medianMs, buffers } = await timeStatement(client, text, parameters, RUNS);
  return { medianMs, buffers };
}

await withScratchDatabase(`clinrank_queue_ahead_${process.pid}`, async (url) => {
  log(
    `${ITEMS} items, ${ADAPTIVE ? 'adaptive overlap 2–4' : 'overlap 3'}: one annotator labelled ${AHEAD} still open, ${FINISHED} ${ADAPTIVE ? 'closed at 2' : 'finished'} by others${FULL_INDEX ? ' (full queue index)' : ''}`,
  );
  await setUp(url);
  const text = registeredStatement('task.lock-next-candidate', QUERIES);
  await withClient(url, async (client) => {
    const [{ id: project }] = (await client.query(`SELECT id FROM projects`)).rows;
    const users = Object.fromEntries(
      (await client.query(`SELECT username, id FROM users WHERE username IN ('ahead', 'new')`)).rows.map((row) => [
        row.username,
        row.id,
      ]),
    );
    const overlap = ADAPTIVE ? 2 : 3;
    const result = {
      items: ITEMS,
      ahead: AHEAD,
      finished: FINISHED,
      adaptive: ADAPTIVE,
      fullIndex: FULL_INDEX,
      runs: RUNS,
      queries: QUERIES,
    };
    for (const who of ['ahead', 'new']) {
      result[who] = await measure(client, text, [project, false, overlap, ['en'], [], users[who], []]);
      log(
        `${who === 'ahead' ? 'the annotator ahead' : 'a new annotator'}: median ${result[who].medianMs.toFixed(2)} ms, ${result[who].buffers} buffers`,
      );
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  });
});
