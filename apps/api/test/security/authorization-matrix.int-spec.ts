import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { ROLES, type Role } from '@clinrank/domain';
import { operationGuards, roleTableMarkdown, withRoleTable, type OperationGuard } from '@clinrank/server-core';
import { FEATURE_MODULES } from '@clinrank/server-app';
import { ok } from '../support/assertions.js';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

// Every operation of the live schema × every role (and a signed-out caller), probed over HTTP and compared with the
// guards' metadata and the README's generated table. A new operation without @Roles/@Public is denied to everyone by
// the guard, so it shows as a row with no ✓ and fails the README comparison until someone decides who may call it.

type Caller = Role | 'signed-out';
const CALLERS: Caller[] = ['signed-out', ...ROLES];

let api: TestPlatform;
let schema: GraphQLSchema;
const tokens = new Map<Caller, string | undefined>();
const guards = operationGuards(FEATURE_MODULES);

beforeAll(async () => {
  api = await startTestPlatform();
  schema = buildClientSchema(ok(await api.gql<IntrospectionQuery>(getIntrospectionQuery())));
  tokens.set('signed-out', undefined);
  for (const role of ROLES) tokens.set(role, (await api.createUser(`matrix-${role}`, role)).token);
}, 60_000);

afterAll(async () => {
  await api?.close();
});

/** A value of the input type that passes GraphQL's own type checks (the guard runs before any validation pipe). */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sample(field.type)]),
    );
  }
  switch (type.name) {
    case 'ID':
      return randomUUID();
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return new Date().toISOString();
    case 'JSON':
      return {};
    default:
      return 'x';
  }
}

function probe(
  kind: 'query' | 'mutation',
  field: GraphQLField<unknown, unknown>,
): { query: string; variables: Record<string, unknown> } {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const declarations = required.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passing = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const returned = getNamedType(field.type);
  const selection = isObjectType(returned) || isAbstractType(returned) ? ' { __typename }' : '';
  const query = `${kind}${declarations ? ` (${declarations})` : ''} { ${field.name}${passing ? `(${passing})` : ''}${selection} }`;
  return { query, variables: Object.fromEntries(required.map((arg) => [arg.name, sample(arg.type)])) };
}

/** True when the auth guard itself refused the call (not a later NOT_FOUND or validation error). */
function deniedByGuard(result: { errors?: { message: string; extensions?: { code?: string } }[] }): boolean {
  const error = result.errors?.[0];
  if (!error) return false;
  if (error.extensions?.code === 'UNAUTHENTICATED') return /^Sign in first/.test(error.message);
  return (
    error.extensions?.code === 'FORBIDDEN' &&
    /^This operation (needs one of the roles|is not open to any role)/.test(error.message)
  );
}

function schemaOperations(): { kind: 'query' | 'mutation'; name: string; field: GraphQLField<unknown, unknown> }[] {
  const query = Object.values(schema.getQueryType()?.getFields() ?? {}).map((field) => ({
    kind: 'query' as const,
    name: `Query.${field.name}`,
    field,
  }));
  const mutation = Object.values(schema.getMutationType()?.getFields() ?? {}).map((field) => ({
    kind: 'mutation' as const,
    name: `Mutation.${field.name}`,
    field,
  }));
  return [...query, ...mutation];
}

const allowed = (guard: OperationGuard, caller: Caller) =>
  guard.public || (caller !== 'signed-out' && guard.roles.includes(caller));

describe('authorization matrix', () => {
  it('has a guard entry for every operation of the schema, and no entry the schema lacks', () => {
    expect(
      schemaOperations()
        .map((operation) => operation.name)
        .sort(),
    ).toEqual(guards.map((guard) => guard.operation).sort());
  });

  it("matches the README's role table (regenerate it with node scripts/role-table.mjs)", () => {
    const readme = readFileSync('README.md', 'utf8');
    expect(withRoleTable(readme, roleTableMarkdown(guards))).toBe(readme);
  });

  it('opens no operation to signed-out callers except login, and gives admins everything leads have', () => {
    expect(guards.filter((guard) => guard.public).map((guard) => guard.operation)).toEqual(['Mutation.login']);
    expect(
      guards
        .filter((guard) => guard.roles.includes('lead') && !guard.roles.includes('admin'))
        .map((guard) => guard.operation),
    ).toEqual([]);
    expect(guards.filter((guard) => !guard.public && guard.roles.length === 0).map((guard) => guard.operation)).toEqual(
      [],
    );
  });

  it('lets through exactly the callers the guard lists, for every operation × role on the running server', async () => {
    const mismatches: string[] = [];
    const byName = new Map(guards.map((guard) => [guard.operation, guard]));
    for (const operation of schemaOperations()) {
      const guard = byName.get(operation.name);
      const { query, variables } = probe(operation.kind, operation.field);
      for (const caller of CALLERS) {
        const result = await api.gql(query, variables, tokens.get(caller));
        const denied = deniedByGuard(result);
        const expectedDenied = !guard || !allowed(guard, caller);
        if (denied !== expectedDenied)
          mismatches.push(
            `${operation.name} as ${caller}: ${denied ? 'denied' : 'let through'} (${JSON.stringify(result.errors?.[0] ?? 'ok')})`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  }, 180_000);
});
