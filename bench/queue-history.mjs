#!/usr/bin/env node
/**
 * The next-candidate statement for an annotator with a long history in the project: they finished --history items,
 * each among --colleagues colleagues' tasks written at the same time (so about one of theirs per heap page of
 * `tasks`, as on a busy table), and --open items are still free. The statement hashes the annotator's own tasks on
 * every search; this times it as the API runs it (a named prepared statement, from queries/task.sql) twice in one run:
 * on the schema's `tasks_annotator`, which carries each task's item, and on the index of releases before migration
 * OwnTasksReadFromIndex, which did not. Both after a VACUUM (ANALYZE), as autovacuum leaves the table.
 *
 *   node bench/queue-history.mjs [--history 2000] [--colleagues 40] [--open 500] [--runs 50]
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a database
 * clinrank_queue_history_* is created and dropped afterwards.
 */
import { registeredStatement, wholeNumberOption, withClient, withScratchDatabase } from './bench-options.mjs';
import { createAnnotator, migratedPairwiseProject, timeStatement } from './queue-bench-support.mjs';

const HISTORY = wholeNumberOption('history', 2000);
const COLLEAGUES = wholeNumberOption('colleagues', 40);
const OPEN = wholeNumberOption('open', 500);
const RUNS = wholeNumberOption('runs', 50);
const OLD_INDEX = 'CREATE INDEX tasks_annotator ON tasks (annotator_id, project_id, status)';
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

async function setUp(url) {
  migratedPairwiseProject(url, 'history', HISTORY + OPEN);
  createAnnotator(url, 'annotator');
  await withClient(url, async (client) => {
    await client.query(
      `INSERT INTO users (username, display_name, role)
       SELECT 'colleague-' || g, 'Colleague ' || g, 'annotator' FROM generate_series(1, $1) g`,
      [COLLEAGUES],
    );
    // Finished tasks, item by item: the annotator's and every colleague's together, as they land on a busy table.
    await client.query(
      `INSERT INTO tasks (project_id, item_id, annotator_id, status, display_order, expires_at, finished_at)
       SELECT i.project_id, i.id, u.id, 'submitted', '{}', now(), now()
         FROM (SELECT id, project_id FROM items ORDER BY id LIMIT $1) i CROSS JOIN users u
        ORDER BY i.id, u.id`,
      [HISTORY],
    );
    await client.query(`UPDATE items SET label_count = 3 WHERE id IN (SELECT item_id FROM tasks)`);
    await client.query('VACUUM ANALYZE');
  });
}

/** Median wall time, buffers and heap fetches of the statement, as a named prepared statement in a transaction. */
async function measure(url, text, parameters) {
  const { medianMs, buffers, plan } = await withClient(url, (client) => timeStatement(client, text, parameters, RUNS));
  const nodes = (node) => [node, ...(node.Plans ?? []).flatMap(nodes)];
  const own = nodes(plan).find((node) => node['Index Name'] === 'tasks_annotator');
  return {
    medianMs,
    buffers,
    ownTasks: own ? `${own['Node Type']}, heap fetches ${own['Heap Fetches'] ?? 'all'}` : 'not by tasks_annotator',
  };
}

await withScratchDatabase(`clinrank_queue_history_${process.pid}`, async (url) => {
  log(`${HISTORY} items finished by the annotator and ${COLLEAGUES} colleagues, ${OPEN} open`);
  await setUp(url);
  const text = registeredStatement('task.lock-next-candidate');
  const parameters = await withClient(url, async (client) => {
    const [{ id: project }] = (await client.query(`SELECT id FROM projects`)).rows;
    const [{ id: annotator }] = (await client.query(`SELECT id FROM users WHERE username = 'annotator'`)).rows;
    return [project, false, 3, ['en'], [], annotator, []];
  });
  const result = { history: HISTORY, colleagues: COLLEAGUES, open: OPEN, runs: RUNS };
  result.coveringIndex = await measure(url, text, parameters);
  await withClient(url, async (client) => {
    await client.query('DROP INDEX tasks_annotator');
    await client.query(OLD_INDEX);
    await client.query('VACUUM ANALYZE tasks');
  });
  result.keyOnlyIndex = await measure(url, text, parameters);
  result.timeRatio = result.keyOnlyIndex.medianMs / result.coveringIndex.medianMs;
  for (const [label, figures] of [
    ['item in the index', result.coveringIndex],
    ['index without the item (before)', result.keyOnlyIndex],
  ])
    log(
      `${label}: median ${figures.medianMs.toFixed(3)} ms, ${figures.buffers} buffers, own tasks: ${figures.ownTasks}`,
    );
  log(`before / now: ${result.timeRatio.toFixed(1)}× the time`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
});
