#!/usr/bin/env node
/**
 * The audit page's filter choices (`auditFacets`: the actions and the object types the log holds), which the page asks
 * for on every visit. On a log of --rows entries (most of them label and import rows, as a labelling server's log is,
 * with a few rare kinds), this times each statement as the API runs it (a named prepared statement, from the registry)
 * and, in the same run, the plain DISTINCT each was before.
 *
 *   node bench/audit-facets.mjs [--rows 1000000] [--runs 9]
 *
 * DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a database
 * clinrank_audit_* is created and dropped afterwards.
 */
import { registeredStatement, wholeNumberOption, withClient, withScratchDatabase } from './bench-options.mjs';
import { cli, timeStatement } from './queue-bench-support.mjs';

const ROWS = wholeNumberOption('rows', 1_000_000);
const RUNS = wholeNumberOption('runs', 9);
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** Action, object type and share of the log: labels and imports dominate; the rest are a lead's occasional changes. */
const KINDS = [
  ['label.create', 'label', 0.84],
  ['item.create', 'item', 0.1],
  ['task.skip', 'task', 0.03],
  ['label.update', 'label', 0.02],
  ['label.retract', 'label', 0.005],
  ['item.adjudicate', 'item', 0.003],
  ['project.update', 'project', 0.001],
  ['dataset.export', 'dataset_snapshot', 0.0005],
  ['session.login', 'user', 0.0003],
  ['training.start_bertscore', 'training_run', 0.0001],
  ['audit.export', 'audit_log', 0.0001],
];

async function fillLog(url) {
  cli(url, ['db', 'migrate']);
  await withClient(url, async (client) => {
    const actions = KINDS.map(([action]) => action);
    const types = KINDS.map(([, type]) => type);
    let cumulative = 0;
    const bounds = KINDS.map(([, , share]) => (cumulative += share));
    // Row g takes the first kind whose cumulative share is above a fixed pseudo-random draw; rows in time order.
    await client.query(
      `INSERT INTO audit_log (at, actor, action, entity_type, entity_id, project_id, after)
       SELECT now() - make_interval(secs => $1 - g), 'user:bench', ($2::text[])[k], ($3::text[])[k],
              md5(g::text), NULL, jsonb_build_object('n', g)
         FROM generate_series(1, $1) g,
              LATERAL (SELECT coalesce(min(b.i), 1) AS k
                         FROM unnest($4::float8[]) WITH ORDINALITY b(bound, i)
                        WHERE b.bound * 1.0001 > ((g * 2654435761::bigint) % 1000003) / 1000003.0) pick`,
      [ROWS, actions, types, bounds],
    );
    await client.query('VACUUM ANALYZE audit_log');
  });
}

const PLAIN = {
  actions: 'SELECT DISTINCT action FROM audit_log ORDER BY action',
  entityTypes: 'SELECT DISTINCT entity_type FROM audit_log ORDER BY entity_type',
};

await withScratchDatabase(`clinrank_audit_${process.pid}`, async (url) => {
  log(`filling a log of ${ROWS} entries`);
  await fillLog(url);
  const result = { rows: ROWS, runs: RUNS };
  // A connection per timing: each prepares its statement under the one name timeStatement uses.
  const timed = (text) => withClient(url, (client) => timeStatement(client, text, [], RUNS));
  await withClient(url, async (client) => {
    for (const [key, name] of [
      ['actions', 'audit.distinct-actions'],
      ['entityTypes', 'audit.distinct-entity-types'],
    ]) {
      const now = await timed(registeredStatement(name));
      const plain = await timed(PLAIN[key]);
      const answers = async (text) => (await client.query(text)).rows.map((row) => Object.values(row)[0]).sort();
      const same =
        JSON.stringify(await answers(registeredStatement(name))) === JSON.stringify(await answers(PLAIN[key]));
      result[key] = {
        now: { medianMs: now.medianMs, buffers: now.buffers },
        plainDistinct: { medianMs: plain.medianMs, buffers: plain.buffers },
        sameAnswer: same,
      };
      log(
        `${name}: ${now.medianMs.toFixed(2)} ms, ${now.buffers} buffers; plain DISTINCT ${plain.medianMs.toFixed(1)} ms, ` +
          `${plain.buffers} buffers (${(plain.medianMs / now.medianMs).toFixed(0)}×); same answer: ${same}`,
      );
    }
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
});
