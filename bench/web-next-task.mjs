#!/usr/bin/env node
/**
 * Time from pressing Enter to the next task being fully rendered, in Chromium on localhost, over 50 pairwise tasks.
 * A lead creates a project (overlap 1) and imports 60 generated items through `importItems`; clinician1 answers each
 * task with the keyboard (1 on every criterion) and presses Enter. The clock starts in the page at the Enter keydown
 * and stops at the first animation frame after the workspace shows the new task. Before answering, the bench
 * pauses --think-ms (500) as a reader would, so the prefetch of the next task can land. Target: p95 < 150 ms.
 *
 *   node bench/web-next-task.mjs [--tasks 50] [--think-ms 500]   (DATABASE_URL / BENCH_API_URL as in bench/web-first-load.mjs)
 */
import { build, graphql, launch, log, percentile, signIn, startApi } from './web-bench-support.mjs';
import { wholeNumberOption } from './bench-options.mjs';

const TASKS = wholeNumberOption('tasks', 50);
const ITEMS = TASKS + 10;
const WARMUP = 3;
// A clinician reads for seconds before answering; this pause lets the next task's prefetch land, as it would in use.
const THINK_MS = wholeNumberOption('think-ms', 500, { min: 0 });

function generatedItems(count) {
  return Array.from({ length: count }, (_, n) => ({
    id: `bench-${n}`,
    language: 'en',
    specialty: 'general',
    prompt: `Benchmark question ${n}: how should a patient take medicine ${n} with food?`,
    responses: [
      {
        id: 'a',
        text: `**Take it with food.**\n\n- Dose: ${n} mg\n- Twice a day\n\n| When | What |\n|---|---|\n| Morning | 1 tablet |\n| Evening | 1 tablet |`,
        model: 'm1',
      },
      { id: 'b', text: `Take medicine ${n} whenever you like.`, model: 'm2' },
    ],
  }));
}

log('building');
build();
const api = await startApi();
const browser = await launch();
try {
  const lead = (await graphql(api.url, 'mutation { login(input: {username: "lead", password: "demo"}) { token } }'))
    .login.token;
  const slug = `bench-next-${Date.now().toString(36)}`;
  const project = (
    await graphql(
      api.url,
      'mutation($input: CreateProjectInput!) { createProject(input: $input) { id criteria } }',
      {
        input: {
          slug,
          name: 'Bench: next task',
          kind: 'pairwise',
          criteria: ['accuracy', 'safety'],
          overlap: 1,
          languages: ['en'],
        },
      },
      lead,
    )
  ).createProject;
  const content = generatedItems(ITEMS)
    .map((item) => JSON.stringify(item))
    .join('\n');
  const report = (
    await graphql(
      api.url,
      'mutation($input: ImportItemsInput!) { importItems(input: $input) { imported rejected } }',
      { input: { projectId: project.id, content } },
      lead,
    )
  ).importItems;
  log(`imported ${report.imported} items (rejected ${report.rejected})`);

  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await signIn(page, api.url, 'clinician1');
  await page.goto(`${api.url}/#/work/${project.id}`);
  await page.waitForSelector('[data-testid="workspace"][data-status="ready"]');
  const criteria = project.criteria.filter((criterion) => criterion !== 'overall').length + 1;
  const timings = [];
  const breakdown = [];
  for (let task = 0; task < TASKS + WARMUP; task += 1) {
    await page.evaluate(() => {
      const workspace = document.querySelector('[data-testid="workspace"]');
      const before = workspace.getAttribute('data-task');
      window.__enterAt = null;
      const onKey = (event) => {
        if (event.code !== 'Enter') return;
        window.__enterAt = performance.now();
        window.removeEventListener('keydown', onKey, true);
      };
      window.addEventListener('keydown', onKey, true);
      window.__rendered = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const ready =
            workspace.getAttribute('data-status') === 'ready' && workspace.getAttribute('data-task') !== before;
          if (!ready && workspace.getAttribute('data-status') !== 'empty') return;
          observer.disconnect();
          // The next frame after the DOM changed: the new task has been laid out and painted.
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - window.__enterAt), 0));
        });
        observer.observe(workspace, { attributes: true, subtree: false });
      });
    });
    await page.waitForTimeout(THINK_MS);
    for (let criterion = 0; criterion < criteria; criterion += 1) await page.keyboard.press('Digit1');
    await page.keyboard.press('Enter');
    const ms = await page.evaluate(() => window.__rendered);
    const phases = await page.evaluate(() => {
      const last = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? NaN;
      const [submit, acked, fetched] = [last('clinrank:submit'), last('clinrank:acked'), last('clinrank:next-fetched')];
      performance.clearMarks();
      // No "acked" mark: the prefetched task was shown at once and the label went out in the background.
      return {
        prefetched: Number.isNaN(acked) || acked > fetched,
        submitMs: acked - submit,
        nextTaskMs: fetched - acked,
      };
    });
    if (task >= WARMUP) (timings.push(ms), breakdown.push(phases));
  }
  const round = (value) => Math.round(value * 10) / 10;
  console.log(
    JSON.stringify({
      bench: 'web-next-task',
      tasks: timings.length,
      p50Ms: round(percentile(timings, 50)),
      p95Ms: round(percentile(timings, 95)),
      maxMs: round(Math.max(...timings)),
      meanMs: round(timings.reduce((sum, value) => sum + value, 0) / timings.length),
      thinkMs: THINK_MS,
      prefetchedTasks: breakdown.filter((phase) => phase.prefetched).length,
      targetP95Ms: 150,
      pass: percentile(timings, 95) < 150,
    }),
  );
} finally {
  await browser.close();
  await api.stop();
}
