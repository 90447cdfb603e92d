#!/usr/bin/env node
/**
 * The count of what is left for one annotator in one project (`task.remaining-in-project`), which the workspace asks for
 * while a clinician labels (`myProgress`; after every label before `d8c8460`, now at most every 30 s); the project
 * picker's count over every project (`myProjects`) is `task.remaining-by-project`. It reads every open item of the
 * project, so what it costs per item decides what a label costs on a large project. On a project of --items items, of
 * which the annotator finished --history, next to another project of --other-items items, this times it as the API runs
 * it (a named prepared statement, from the registry) and, in the same run, the forms it had before: joined through
 * `projects` by id or slug (`task.remaining-by-project`, before `task.remaining-in-project`), and item by item (a probe
 * of `tasks` and of `projects` per item, before `7dbb479`).
 *
 *   node bench/remaining-count.mjs [--items 50000] [--history 3000] [--other-items 0] [--runs 15]
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a database
 * clinrank_remaining_* is created and dropped afterwards.
 */
import { registeredStatement, wholeNumberOption, withClient, withScratchDatabase } from './bench-options.mjs';
import { cli, createAnnotator, migratedPairwiseProject, timeStatement } from './queue-bench-support.mjs';

const ITEMS = wholeNumberOption('items', 50000);
const HISTORY = wholeNumberOption('history', 3000);
const OTHER_ITEMS = wholeNumberOption('other-items', 0, { min: 0 });
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
    // Another team's project on the same server, open and untouched.
    cli(url, ['projects', 'create', '--slug', 'other', '--name', 'other', '--kind', 'pairwise', '--overlap', '3']);
    await client.query(
      `INSERT INTO items (project_id, external_id, language, prompt, content_hash)
       SELECT (SELECT id FROM projects WHERE slug = 'other'), 'other-' || g, 'en', 'Question ' || g, md5(g::text)
         FROM generate_series(1, ${OTHER_ITEMS}) g`,
    );
    await client.query('VACUUM ANALYZE');
  });
}

await withScratchDatabase(`clinrank_remaining_${process.pid}`, async (url) => {
  log(`${ITEMS} items, ${HISTORY} of them finished by the annotator; another project of ${OTHER_ITEMS} items`);
  await setUp(url);
  const [annotator, projectId] = await withClient(url, async (client) => [
    (await client.query(`SELECT id FROM users WHERE username = 'annotator'`)).rows[0].id,
    (await client.query(`SELECT id FROM projects WHERE slug = 'remaining'`)).rows[0].id,
  ]);
  const result = { items: ITEMS, history: HISTORY, otherItems: OTHER_ITEMS, runs: RUNS };
  for (const [key, text] of [
    ['now', registeredStatement('task.remaining-in-project')],
    ['throughProjects', registeredStatement('task.remaining-by-project')],
    ['itemByItem', ITEM_BY_ITEM],
  ]) {
    const { medianMs, buffers, plan } = await withClient(url, (client) =>
      timeStatement(client, text, [projectId, ['en'], [], annotator], RUNS),
    );
    result[key] = { medianMs, buffers, projectsCounted: plan['Actual Rows'] };
  }
  for (const [label, figures] of [
    ["the project's items alone (now)", result.now],
    ['joined through projects (before task.remaining-in-project)', result.throughProjects],
    ['a probe per item (before 7dbb479)', result.itemByItem],
  ])
    log(
      `${label}: median ${figures.medianMs.toFixed(1)} ms, ${figures.buffers} buffers ` +
        `(${(figures.medianMs / result.now.medianMs).toFixed(1)}× the time, ${(figures.buffers / result.now.buffers).toFixed(1)}× the buffers of now)`,
    );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
});
