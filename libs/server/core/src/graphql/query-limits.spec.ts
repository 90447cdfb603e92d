import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApolloServer } from '@apollo/server';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import {
  aliasLimitRule,
  costDependsOnVariables,
  depthLimitRule,
  queryCostPlugin,
  unknownCostedFields,
} from './query-limits.js';

const schema = buildSchema(
  `type Query { me: User, a: Int, projects: [Project] } type User { name: String, friend: User } type Project { id: ID }`,
);
const check = (source: string, rule: ReturnType<typeof depthLimitRule>) =>
  validate(schema, parse(source), [...specifiedRules, rule]).map((error) => error.message);

describe('depthLimitRule', () => {
  it('counts nested fields, through fragments, and ignores introspection', () => {
    expect(check(`{ me { name } }`, depthLimitRule(1))).toEqual([]);
    expect(check(`{ me { friend { name } } }`, depthLimitRule(1))).toEqual([`'' exceeds maximum operation depth of 1`]);
    expect(check(`query Q { me { ...F } } fragment F on User { friend { name } }`, depthLimitRule(1))).toEqual([
      `'Q' exceeds maximum operation depth of 1`,
    ]);
    expect(check(`{ __schema { types { fields { type { name } } } } }`, depthLimitRule(1))).toEqual([]);
  });

  it('answers a fragment cycle with a validation error instead of overflowing the stack', () => {
    const errors = check(`query{...A} fragment A on Query{...B} fragment B on Query{...A}`, depthLimitRule(10));
    expect(errors).toEqual(['Cannot spread fragment "A" within itself via "B".']);
    const deep = check(`{ me { ...F } } fragment F on User { friend { ...F } }`, depthLimitRule(10));
    expect(deep).toEqual(['Cannot spread fragment "F" within itself.']);
  });

  it('stays linear when fragments spread each other many times', () => {
    const count = 40;
    const chain = Array.from(
      { length: count },
      (_, index) => `fragment F${index} on Query { ${index + 1 < count ? `...F${index + 1} ...F${index + 1}` : 'a'} }`,
    );
    const started = Date.now();
    expect(check(`{ ...F0 } ${chain.join(' ')}`, depthLimitRule(10))).toEqual([]);
    // 2^40 paths if each spread were walked again; a memo makes it instant. The bound is loose on purpose.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('aliasLimitRule', () => {
  it('refuses more aliases than allowed, once', () => {
    const aliases = (count: number) =>
      `{ ${Array.from({ length: count }, (_, index) => `a${index}: __typename`).join(' ')} }`;
    expect(check(aliases(3), aliasLimitRule(3))).toEqual([]);
    expect(check(aliases(1_000), aliasLimitRule(3))).toEqual([
      'This request uses more than 3 aliases; split it into smaller requests',
    ]);
  });
});

describe('unknownCostedFields', () => {
  it('names costed fields the schema does not have', () => {
    expect(unknownCostedFields(schema)).toContain('Query.evaluationReport');
  });
});

describe('queryCostPlugin', () => {
  const costSchema = buildSchema(`type Query { evaluationReport(resamples: Int): Int, agreementSummary: Int, a: Int }`);
  const server = new ApolloServer({ schema: costSchema, plugins: [queryCostPlugin(250)] });
  beforeAll(() => server.start());
  afterAll(() => server.stop());
  const codeOf = async (query: string, variables: Record<string, unknown> = {}) => {
    const { body } = await server.executeOperation({ query, variables });
    if (body.kind !== 'single') throw new Error('expected a single result');
    return body.singleResult.errors?.[0]?.extensions?.code ?? 'ok';
  };

  it('refuses a costly document every time it is sent, not only the first', async () => {
    const query = `{ x: agreementSummary y: agreementSummary }`;
    for (let round = 0; round < 3; round += 1) expect(await codeOf(query)).toBe('QUERY_TOO_COMPLEX');
    expect(await codeOf(`{ agreementSummary }`)).toBe('ok');
    expect(await codeOf(`{ agreementSummary }`)).toBe('ok');
  });

  it('costs again a document whose @include reads a variable', async () => {
    const query = `query ($twice: Boolean!) { x: agreementSummary y: agreementSummary @include(if: $twice) }`;
    expect(await codeOf(query, { twice: false })).toBe('ok');
    expect(await codeOf(query, { twice: true })).toBe('QUERY_TOO_COMPLEX');
    expect(await codeOf(query, { twice: false })).toBe('ok');
  });

  it('costs again a document whose costed argument is a variable', async () => {
    const query = `query ($n: Int) { x: evaluationReport(resamples: $n) y: evaluationReport(resamples: $n) }`;
    expect(await codeOf(query, { n: 100 })).toBe('ok');
    expect(await codeOf(query, { n: 10_000 })).toBe('QUERY_TOO_COMPLEX');
  });
});

describe('costDependsOnVariables', () => {
  it('says no for variables the cost does not read, yes for directives and costed arguments', () => {
    expect(costDependsOnVariables(parse(`query ($p: ID) { nextTask(projectId: $p) { id } }`))).toBe(false);
    expect(costDependsOnVariables(parse(`query ($b: Boolean!) { a @skip(if: $b) }`))).toBe(true);
    expect(
      costDependsOnVariables(parse(`query ($b: Boolean!) { ...F } fragment F on Query { a @include(if: $b) }`)),
    ).toBe(true);
    expect(costDependsOnVariables(parse(`query ($n: Int) { evaluationReport(resamples: $n) }`))).toBe(true);
    expect(costDependsOnVariables(parse(`{ evaluationReport(resamples: 5) }`))).toBe(false);
  });
});
