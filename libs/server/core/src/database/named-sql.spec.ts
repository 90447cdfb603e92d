import { describe, expect, it } from '@jest/globals';
import { defineSql, registeredSql } from './named-sql.js';

describe('defineSql', () => {
  it('registers a statement by name with its common indentation removed', () => {
    const statement = defineSql(
      'spec.select-one',
      `
        SELECT 1
          FROM items
    `,
    );
    expect(statement).toEqual({ name: 'spec.select-one', text: 'SELECT 1\n  FROM items' });
    expect(registeredSql()).toContainEqual(statement);
  });

  it('accepts the same text twice and refuses other text under a used name', () => {
    defineSql('spec.twice', 'SELECT 2');
    expect(defineSql('spec.twice', 'SELECT 2').text).toBe('SELECT 2');
    expect(() => defineSql('spec.twice', 'SELECT 3')).toThrow('registered twice');
  });

  it('refuses a name without a feature prefix', () => {
    expect(() => defineSql('select-one', 'SELECT 1')).toThrow('<feature>.<kebab-name>');
  });
});
