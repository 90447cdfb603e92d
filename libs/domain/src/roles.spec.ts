import { describe, expect, it } from '@jest/globals';
import { isRole } from './roles.js';

describe('isRole', () => {
  it('accepts the four roles and nothing else', () => {
    expect(['annotator', 'lead', 'ml_engineer', 'admin'].every(isRole)).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
