#!/usr/bin/env node
/**
 * CPU time of the per-request work that issue 16 point 2 caches, old code against new, in one process: the cost limit
 * (`queryCostPlugin` of each build, on the bench's submitLabel(next:) document and the real schema), the bearer token
 * check (jsonwebtoken's verify against a VerifiedTokens hit) and helmet's headers (the middleware against a replay of
 * what it set). Counts process CPU (user + system), so other load on the machine slows it less than wall time.
 *
 *   node bench/request-overhead.mjs --baseline DIR [--iterations 20000]
 *
 * Both checkouts must be built (`node scripts/build.mjs --server-only`); DIR is the baseline's (say, main's) worktree.
 */
import { createSecretKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSchema, parse } from 'graphql';
import helmet from 'helmet';
import jwt from 'jsonwebtoken';
import { textOption, wholeNumberOption } from './bench-options.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BASELINE = textOption('baseline', null) && resolve(textOption('baseline'));
const ITERATIONS = wholeNumberOption('iterations', 20_000);
if (!BASELINE) {
  process.stderr.write('usage: node bench/request-overhead.mjs --baseline DIR [--iterations N]\n');
  process.exit(2);
}

/** Microseconds of process CPU per call of `work` (awaited), after a warm-up of a tenth of the calls. */
async function cpuMicrosPerCall(work) {
  for (let index = 0; index < ITERATIONS / 10; index += 1) await work(index);
  const before = process.cpuUsage();
  for (let index = 0; index < ITERATIONS; index += 1) await work(index);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / ITERATIONS;
}

const schema = buildSchema(readFileSync(join(root, 'apps/api/schema.gql'), 'utf8'));
const SUBMIT_NEXT = `mutation ($input: SubmitLabelInput!, $next: NextTaskInput) {
  submitLabel(input: $input, next: $next) { duplicate label { id } next { taskId responses { id } } } }`;
const document = parse(SUBMIT_NEXT);
const operation = document.definitions[0];
const variables = () => ({
  input: {
    taskId: '00000000-0000-4000-8000-000000000001',
    submissionId: '00000000-0000-4000-8000-000000000002',
    content: { judgements: { overall: { choice: 'a' } } },
    flags: [],
    timeSpentMs: 1000,
  },
  next: { projectId: '00000000-0000-4000-8000-000000000003' },
});

async function costCheck(checkout) {
  const { queryCostPlugin } = await import(
    pathToFileURL(join(checkout, 'dist/libs/server/core/src/graphql/query-limits.js')).href
  );
  const plugin = queryCostPlugin(5_000);
  return cpuMicrosPerCall(async () => {
    const listener = await plugin.requestDidStart({});
    await listener.didResolveOperation({ request: { variables: variables() }, document, schema, operation });
  });
}

async function tokenCheck() {
  const secret = createSecretKey(randomBytes(32));
  const token = jwt.sign({ sub: '00000000-0000-4000-8000-000000000001', role: 'annotator', ver: 1 }, secret, {
    algorithm: 'HS256',
    expiresIn: 3600,
  });
  const { VerifiedTokens } = await import(
    pathToFileURL(join(root, 'dist/libs/server/core/src/auth/verified-tokens.js')).href
  );
  const verified = new VerifiedTokens();
  verified.remember(token, jwt.verify(token, secret, { algorithms: ['HS256'] }));
  return {
    verify: await cpuMicrosPerCall(() => jwt.verify(token, secret, { algorithms: ['HS256'] })),
    remembered: await cpuMicrosPerCall(() => verified.get(token)),
  };
}

async function headers() {
  const middleware = helmet({ contentSecurityPolicy: { directives: { 'default-src': ["'self'"] } } });
  const response = () => new ServerResponse(new IncomingMessage(new Socket()));
  const set = [];
  middleware({}, { setHeader: (name, value) => set.push([name, value]), removeHeader: () => {} }, () => {});
  return {
    helmet: await cpuMicrosPerCall(() => middleware({}, response(), () => {})),
    replay: await cpuMicrosPerCall(() => {
      const target = response();
      target.removeHeader('X-Powered-By');
      for (const [name, value] of set) target.setHeader(name, value);
    }),
    response: await cpuMicrosPerCall(() => response()),
  };
}

const cost = { baseline: await costCheck(BASELINE), ours: await costCheck(root) };
const token = await tokenCheck();
const header = await headers();
const result = {
  iterations: ITERATIONS,
  loadAverage: loadavg().map((load) => Number(load.toFixed(1))),
  microsecondsPerRequest: {
    costLimit: cost,
    tokenCheck: token,
    // Each includes building a ServerResponse to write to; `response` is that alone.
    securityHeaders: header,
  },
  savedMicrosecondsPerRequest:
    cost.baseline - cost.ours + token.verify - token.remembered + header.helmet - header.replay,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
