import { describe, expect, it } from '@jest/globals';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { operationLabel, schemaOperationNames } from './operation-label.js';

const schema = buildSchema(`type Query { me: String, users: [String] } type Mutation { login: String }`);
const known = schemaOperationNames(schema);
const first = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('operationLabel', () => {
  it('lists every root field of the schema', () => {
    expect([...known].sort()).toEqual(['login', 'me', 'users']);
  });

  it('labels by the field called, whatever name the client gave the operation', () => {
    expect(operationLabel(first(`query AnythingAtAll { me }`), known)).toBe('me');
    expect(operationLabel(first(`mutation X1234 { a: login b: login __typename }`), known)).toBe('login');
  });

  it('counts unknown, mixed and fragment-only operations as other', () => {
    expect(operationLabel(first(`{ nope }`), known)).toBe('other');
    expect(operationLabel(first(`{ me users }`), known)).toBe('other');
    expect(operationLabel(first(`{ ...F }`), known)).toBe('other');
    expect(operationLabel(first(`{ __typename }`), known)).toBe('other');
    expect(operationLabel(undefined, known)).toBe('other');
  });
});
