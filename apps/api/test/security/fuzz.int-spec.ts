// A fuzz test: at least 1,000 generated hostile inputs over every operation's arguments (read from the schema, so a
// new operation is fuzzed too), sent as each role and anonymously. No answer may be INTERNAL or an HTTP 5xx.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { createProject, importJsonl, itemLine } from '../collection/support/collection-helpers.js';

const TOTAL_CASES = 1000;

interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface FieldDef {
  name: string;
  args: { name: string; type: TypeRef }[];
  type: TypeRef;
}
interface TypeDef {
  kind: string;
  name: string;
  enumValues: { name: string }[] | null;
  inputFields: { name: string; type: TypeRef }[] | null;
  fields: FieldDef[] | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const INTROSPECTION = `{ __schema { queryType { name } mutationType { name }
  types { kind name enumValues { name } inputFields { name type { ${TYPE_REF} } } fields { name args { name type { ${TYPE_REF} } } type { ${TYPE_REF} } } } } }`;

/** A small deterministic generator (mulberry32), so a failure can be replayed from its case number. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)],
    chance: (p: number) => next() < p,
  };
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { n: value };
  return value;
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'admin\u0000',
  'ok\ud800',
  '\udfff',
  "' OR '1'='1' --",
  '"; DROP TABLE users; --',
  "'); DELETE FROM labels; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '/etc/passwd',
  '/proc/self/environ',
  'C:\\Windows\\win.ini',
  'x'.repeat(100_000),
  'a'.repeat(1001),
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '中文医疗',
  '🙂\u200d🙂',
  '%s%n%x',
  '${7*7}',
  '{{7*7}}',
  'null',
  'undefined',
  '-1',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  '\r\n\t',
  '\\',
  '$1',
  '__proto__',
  'constructor',
  'overall',
  'en',
  'pairwise',
  'majority',
  'trl',
  'queued',
  '{"a":1}',
  '[]',
  'SELECT pg_sleep(10)',
];

const HOSTILE_JSON: unknown[] = [
  null,
  0,
  -1,
  'text',
  'a\u0000b',
  [],
  {},
  { '\u0000': 1 },
  { 'k\ud800': 'v' },
  { __proto__: { admin: true } },
  { constructor: { prototype: { polluted: 1 } } },
  nested(40),
  nested(1000),
  Array.from({ length: 2000 }, (_, index) => index),
  { kind: 'pairwise', judgements: { overall: { choice: 'a', strength: 'much' } } },
  { kind: 'validation', verdict: 'fix', fixedText: 'x'.repeat(60_000), reasons: ['r'.repeat(600)] },
  { scores: { overall: { x: 1e308 } } },
  { ranking: [[null]] },
  { format: 'trl', policy: 'majority', split: '1,0,0', where: ['language=en'] },
  { format: 'nope', minAgreement: 'NaN' },
  { epochs: 1e9, lr: -1 },
  { baseModel: '/etc' },
  { policy: '../../etc' },
  { encoder: '/proc/self' },
];

const HOSTILE_INTS = [0, 1, -1, 3, 50, 2147483647, -2147483648];
const HOSTILE_FLOATS = [0, 0.5, -1, 1e308, -1e308, 1e-300];

let api: TestPlatform;
let work: string;
let types: Map<string, TypeDef>;
let operations: { type: 'query' | 'mutation'; field: FieldDef }[];
let tokens: (string | undefined)[];
let knownIds: string[];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'clinrank-sec-fuzz-'));
  api = await startTestPlatform({ ARTIFACT_DIR: join(work, 'artifacts'), MODEL_ROOTS: work });
  const admin = await api.createUser('fuzz-admin', 'admin');
  const lead = await api.createUser('fuzz-lead', 'lead');
  const ml = await api.createUser('fuzz-ml', 'ml_engineer');
  const annotator = await api.createUser('fuzz-annotator', 'annotator');
  const victim = await api.createUser('fuzz-victim', 'annotator');
  const projectId = await createProject(api, lead.token, { slug: 'fuzz', name: 'Fuzz', kind: 'pairwise', overlap: 2 });
  await importJsonl(api, lead.token, projectId, [itemLine('f-1'), itemLine('f-2'), itemLine('f-3')].join('\n'));
  const items: { id: string }[] = await api.platform.dataSource.query(`SELECT id FROM items WHERE project_id = $1`, [
    projectId,
  ]);
  knownIds = [projectId, 'fuzz', victim.id, ...items.map((item) => item.id), randomUUID()];
  tokens = [admin.token, lead.token, ml.token, annotator.token, undefined];
  const schema = (await api.gql(INTROSPECTION)).data!.__schema;
  types = new Map((schema.types as TypeDef[]).map((type) => [type.name, type]));
  operations = [
    ...types.get(schema.queryType.name)!.fields!.map((field) => ({ type: 'query' as const, field })),
    ...types.get(schema.mutationType.name)!.fields!.map((field) => ({ type: 'mutation' as const, field })),
  ];
}, 120_000);

afterAll(async () => {
  await api?.close();
  rmSync(work, { recursive: true, force: true });
});

function typeString(ref: TypeRef): string {
  if (ref.kind === 'NON_NULL') return `${typeString(ref.ofType!)}!`;
  if (ref.kind === 'LIST') return `[${typeString(ref.ofType!)}]`;
  return ref.name!;
}

function named(ref: TypeRef): TypeRef {
  return ref.ofType ? named(ref.ofType) : ref;
}

function selection(ref: TypeRef): string {
  const type = types.get(named(ref).name!)!;
  return type.kind === 'OBJECT' || type.kind === 'INTERFACE' || type.kind === 'UNION' ? '{ __typename }' : '';
}

function valueFor(ref: TypeRef, random: ReturnType<typeof generator>, depth: number): unknown {
  if (ref.kind === 'NON_NULL') return random.chance(0.03) ? null : valueFor(ref.ofType!, random, depth);
  if (random.chance(0.05)) return null;
  if (ref.kind === 'LIST') {
    const length = random.pick([0, 1, 2, 3, 200]);
    return Array.from({ length }, () => valueFor(ref.ofType!, random, depth + 1)).map((value) =>
      typeof value === 'string' && value.length > 1000 ? 'long' : value,
    );
  }
  const type = types.get(ref.name!)!;
  switch (type.kind) {
    case 'ENUM':
      return random.chance(0.9) ? random.pick(type.enumValues!).name : 'NOT_A_VALUE';
    case 'INPUT_OBJECT': {
      if (depth > 4) return {};
      const value: Record<string, unknown> = {};
      for (const field of type.inputFields!)
        if (!random.chance(0.1)) value[field.name] = valueFor(field.type, random, depth + 1);
      if (random.chance(0.1)) value.unexpectedField = 'x';
      return value;
    }
    default:
      switch (type.name) {
        case 'Int':
          return random.pick(HOSTILE_INTS);
        case 'Float':
          return random.pick(HOSTILE_FLOATS);
        case 'Boolean':
          return random.chance(0.5);
        case 'ID':
          return random.chance(0.5) ? random.pick(knownIds) : random.pick(HOSTILE_STRINGS);
        case 'JSON':
          return random.pick(HOSTILE_JSON);
        case 'DateTime':
          return random.pick(['2026-01-01T00:00:00Z', 'yesterday', '', '9999-99-99T99:99:99Z', '\u0000']);
        default:
          return random.chance(0.2) ? random.pick(knownIds) : random.pick(HOSTILE_STRINGS);
      }
  }
}

function document(operation: { type: 'query' | 'mutation'; field: FieldDef }): string {
  const { field } = operation;
  const declarations = field.args.map((arg) => `$${arg.name}: ${typeString(arg.type)}`).join(', ');
  const call = field.args.length
    ? `${field.name}(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})`
    : field.name;
  return `${operation.type} Fuzz${declarations ? `(${declarations})` : ''} { ${call} ${selection(field.type)} }`;
}

describe('fuzzing every operation with hostile arguments', () => {
  it(`answers ${TOTAL_CASES}+ generated hostile inputs without INTERNAL or a 5xx`, async () => {
    const failures: string[] = [];
    const perOperation = Math.ceil(TOTAL_CASES / operations.length);
    let sent = 0;
    for (const [index, operation] of operations.entries()) {
      const query = document(operation);
      for (let attempt = 0; attempt < perOperation; attempt += 1) {
        const caseNumber = index * 1000 + attempt;
        const random = generator(caseNumber + 1);
        const variables = Object.fromEntries(
          operation.field.args.map((arg) => [arg.name, valueFor(arg.type, random, 0)]),
        );
        const token = tokens[attempt % tokens.length];
        const response = await fetch(`${api.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
        });
        sent += 1;
        const text = await response.text();
        let codes: unknown[] = [];
        try {
          codes = ((JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] }).errors ?? []).map(
            (error) => error.extensions?.code,
          );
        } catch {
          codes = ['(not JSON)'];
        }
        if (response.status >= 500 || codes.includes('INTERNAL') || codes.includes('(not JSON)')) {
          failures.push(
            `case ${caseNumber} ${operation.field.name} as token #${attempt % tokens.length}: HTTP ${response.status} ${text.slice(0, 300)}`,
          );
        }
      }
    }
    expect(sent).toBeGreaterThanOrEqual(TOTAL_CASES);
    expect(failures).toEqual([]);
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
  }, 600_000);
});
