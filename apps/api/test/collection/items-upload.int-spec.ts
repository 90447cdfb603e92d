import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { count, createProject, itemLine, type ImportReport } from './support/collection-helpers.js';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_IMPORT_BYTES = 8 * 1024 * 1024;

type UploadEvent =
  | { type: 'progress'; lines: number; bytes: number; imported: number; rejected: number }
  | { type: 'report'; report: ImportReport }
  | { type: 'error'; code: string; message: string };

let api: TestPlatform;
let lead: { id: string; token: string };

beforeAll(async () => {
  api = await startTestPlatform({ MAX_BODY_BYTES: String(MAX_BODY_BYTES), MAX_IMPORT_BYTES: String(MAX_IMPORT_BYTES) });
  lead = await api.createUser('lead-upload', 'lead');
}, 60_000);

afterAll(async () => {
  await api?.close();
});

/** About 2 KB per line, so a few thousand lines make a multi-megabyte file. */
function bigLines(prefix: string, lines: number): string[] {
  return Array.from({ length: lines }, (_, index) =>
    itemLine(`${prefix}-${index}`, {
      prompt: `Question ${prefix}-${index}: ${'is chest pain on exertion worrying? '.repeat(55)}`,
    }),
  );
}

async function upload(
  projectId: string,
  body: string | ReadableStream<Uint8Array>,
  options: { token?: string; strict?: boolean } = {},
): Promise<{ status: number; events: UploadEvent[]; json: unknown }> {
  const response = await fetch(`${api.url}/api/projects/${projectId}/import${options.strict ? '?strict=true' : ''}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-ndjson',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body,
    ...(typeof body === 'string' ? {} : { duplex: 'half' }),
  } as RequestInit);
  const text = await response.text();
  if (!response.headers.get('content-type')?.startsWith('application/x-ndjson'))
    return { status: response.status, events: [], json: JSON.parse(text) };
  return {
    status: response.status,
    events: text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as UploadEvent),
    json: null,
  };
}

function finalReport(events: UploadEvent[]): ImportReport {
  const last = events.at(-1);
  if (last?.type !== 'report') throw new Error(`no report: ${JSON.stringify(last)}`);
  return last.report;
}

describe('streamed import upload (POST /api/projects/:id/import)', () => {
  it('imports a multi-megabyte file bigger than the JSON body limit, reporting progress, and re-imports it as unchanged', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'upload-big',
      name: 'Upload big',
      kind: 'pairwise',
    });
    const file = bigLines('big', 2000).join('\n');
    expect(Buffer.byteLength(file)).toBeGreaterThan(3 * MAX_BODY_BYTES);

    const viaGraphql = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lead.token}` },
      body: JSON.stringify({
        query: 'mutation ($input: ImportItemsInput!) { importItems(input: $input) { imported } }',
        variables: { input: { projectId, content: file, strict: false } },
      }),
    });
    expect(viaGraphql.status).toBe(413);

    const { status, events } = await upload(projectId, file, { token: lead.token });
    expect(status).toBe(200);
    expect(finalReport(events)).toMatchObject({
      imported: 2000,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      problems: [],
      committed: true,
    });
    const progress = events.filter((event) => event.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    const lines = progress.map((event) => event.lines);
    expect(lines).toEqual([...lines].sort((left, right) => left - right));
    expect(lines[0]).toBeGreaterThan(0);
    expect(await count(api, `SELECT count(*) FROM items WHERE project_id = $1`, [projectId])).toBe(2000);
    expect(
      await count(api, `SELECT count(*) FROM audit_log WHERE action = 'project.import' AND entity_id = $1`, [
        projectId,
      ]),
    ).toBe(1);

    const again = finalReport((await upload(projectId, file, { token: lead.token })).events);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 2000, rejected: 0, committed: false });
  }, 180_000);

  it('reports every bad line by its number; strict stores nothing', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'upload-bad',
      name: 'Upload bad',
      kind: 'pairwise',
    });
    const file = [
      itemLine('ok-1'),
      '{"id": "broken"',
      itemLine('ok-2'),
      itemLine('ok-1'),
      JSON.stringify({ id: 'no-responses', language: 'en', prompt: 'q?' }),
    ].join('\n');

    const strict = finalReport((await upload(projectId, file, { token: lead.token, strict: true })).events);
    expect(strict).toMatchObject({ imported: 0, rejected: 3, committed: false, strict: true });
    expect(strict.problems.map((problem) => problem.line)).toEqual([2, 4, 5]);
    expect(await count(api, `SELECT count(*) FROM items WHERE project_id = $1`, [projectId])).toBe(0);

    const report = finalReport((await upload(projectId, file, { token: lead.token })).events);
    expect(report).toMatchObject({ imported: 2, rejected: 3, committed: true });
    expect(report.problems).toEqual([
      { line: 2, field: '(line)', reason: expect.stringMatching(/^invalid JSON/) },
      { line: 4, field: 'id', reason: 'duplicate id "ok-1" (first seen on line 1)' },
      { line: 5, field: 'responses', reason: expect.any(String) },
    ]);
    expect(await count(api, `SELECT count(*) FROM items WHERE project_id = $1`, [projectId])).toBe(2);
  });

  it('refuses requests without a token and from annotators, storing nothing', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'upload-deny',
      name: 'Upload deny',
      kind: 'pairwise',
    });
    const annotator = await api.createUser('ann-upload', 'annotator');
    const anonymous = await upload(projectId, itemLine('x-1'));
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const refused = await upload(projectId, itemLine('x-1'), { token: annotator.token });
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const limits = await fetch(`${api.url}/api/import-limits`, {
      headers: { authorization: `Bearer ${annotator.token}` },
    });
    expect(limits.status).toBe(403);
    expect(await count(api, `SELECT count(*) FROM items WHERE project_id = $1`, [projectId])).toBe(0);
  });

  it('states its limit, and refuses a file over it with PAYLOAD_TOO_LARGE, by its declared size or as it streams', async () => {
    const projectId = await createProject(api, lead.token, {
      slug: 'upload-limit',
      name: 'Upload limit',
      kind: 'pairwise',
    });
    const limits = await fetch(`${api.url}/api/import-limits`, { headers: { authorization: `Bearer ${lead.token}` } });
    expect(await limits.json()).toEqual({ maxBytes: MAX_IMPORT_BYTES });

    const declared = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(`${api.url}/api/projects/${projectId}/import`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-ndjson',
          'content-length': String(MAX_IMPORT_BYTES + 1),
          authorization: `Bearer ${lead.token}`,
        },
      });
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      request.on('error', reject);
      request.flushHeaders();
    });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('import limit of 8 MB') },
    });

    // No Content-Length (a chunked stream): refused once the bytes read pass the limit, before anything is imported.
    const lines = bigLines('over', 5000);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const line of lines) controller.enqueue(new TextEncoder().encode(`${line}\n`));
        controller.close();
      },
    });
    const streamed = await upload(projectId, stream, { token: lead.token, strict: true });
    expect(streamed.status).toBe(413);
    expect(streamed.json).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('MAX_IMPORT_BYTES') },
    });
    expect(await count(api, `SELECT count(*) FROM items WHERE project_id = $1`, [projectId])).toBe(0);
  }, 120_000);
});
