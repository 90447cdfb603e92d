import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { aliasLimitRule, depthLimitRule, unknownCostedFields } from './query-limits.js';

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
