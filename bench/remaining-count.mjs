#!/usr/bin/env node
/**
 * The count of what is left for one annotator (`task.remaining-by-project`), which the workspace asks for while a
 * clinician labels (`myProgress`; after every label before `d8c8460`, now at most every 30 s) and the project picker on
 * every load (`myProjects`). It reads every open item of the project, so
 * what it costs per item decides what a label costs on a large project. On a project of --items items, of which the
 * annotator finished --history, this times it as the API runs it (a named prepared statement, from the registry) and,
 * in the same run, the item-by-item form it had before (a probe of `tasks` and of `projects` per item).
 *
 *   node bench/remaining-count.mjs [--items 50000] [--history 3000] [--runs 15]
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a database
 * clinrank_remaining_* is created and dropped afterwards.
 */
import { registeredStatement, wholeNumberOption, withClient, withScratchDatabase } from './bench-options.mjs';
import { createAnnotator, migratedPairwiseProject, timeStatement } from './queue-bench-support.mjs';

const ITEMS = wholeNumberOption('items', 50000);
const HISTORY = wholeNumberOption('history', 3000);
const RUNS = wholeNumberOption('runs', 15);
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** The statement before this change (kept here to compare with): one anti-join probe of `tasks` per item. */
const ITEM_BY_ITEM = `
    SELECT i.project_id, count(*) AS remaining
     FROM items i JOIN projects p ON p.id = i.project_id
    WHERE NOT p.locked AND ($1::text IS NULL OR p.id::text = $1 OR p.slug = $1) AND i.label_count < coalesce(i.target_overlap, p.overlap)
      AND (SELECT count(*) FROM responses r WHERE r.item_id = i.id) <= (SELECT p.max_responses FROM projects p WHERE p.id = i.project_id)
      AND (cardinality($2::text[]) = 0 OR i.language = ANY($2))
      AND (cardinality($3::text[]) = 0 OR i.specialty = '' OR i.specialty = ANY($3))
      AND NOT EXISTS (SELECT 1 FROM tasks a WHERE a.item_id = i.id AND a.annotator_id = $4 AND a.status <> 'leased')
    GROUP BY i.project_id`;

async function setUp(url) {
  migratedPairwiseProject(url, 'remaining', ITEMS);
  createAnnotator(url, 'annotator');
  await withClient(url, async (client) => {
    await client.query(
      `INSERT INTO tasks (project_id, item_id, annotator_id, status, display_order, expires_at, finished_at)
       SELECT i.project_id, i.id, u.id, 'submitted', '{}', now(), now()
         FROM (SELECT id, project_id FROM items ORDER BY id LIMIT $1) i, users u WHERE u.username = 'annotator'`,
      [HISTORY],
    );
    await client.query(`UPDATE items SET label_count = 1 WHERE id IN (SELECT item_id FROM tasks)`);
    await client.query('VACUUM ANALYZE');
  });
}

await withScratchDatabase(`clinrank_remaining_${process.pid}`, async (url) => {
  log(`${ITEMS} items, ${HISTORY} of them finished by the annotator`);
  await setUp(url);
  const parameters = await withClient(url, async (client) => {
    const [{ id: annotator }] = (await client.query(`SELECT id FROM users WHERE username = 'annotator'`)).rows;
    return ['remaining', ['en'], [], annotator];
  });
  const result = { items: ITEMS, history: HISTORY, runs: RUNS };
  for (const [key, text] of [
    ['now', registeredStatement('task.remaining-by-project')],
    ['itemByItem', ITEM_BY_ITEM],
  ]) {
    const { medianMs, buffers, plan } = await withClient(url, (client) =>
      timeStatement(client, text, parameters, RUNS),
    );
    result[key] = { medianMs, buffers, projectsCounted: plan['Actual Rows'] };
  }
  result.timeRatio = result.itemByItem.medianMs / result.now.medianMs;
  result.bufferRatio = result.itemByItem.buffers / result.now.buffers;
  for (const [label, figures] of [
    ['one hash of the finished items (now)', result.now],
    ['a probe per item (before)', result.itemByItem],
  ])
    log(`${label}: median ${figures.medianMs.toFixed(1)} ms, ${figures.buffers} buffers`);
  log(`before / now: ${result.timeRatio.toFixed(1)}× the time, ${result.bufferRatio.toFixed(1)}× the buffers`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
});
