import { describe, expect, it } from '@jest/globals';
import { passwordProblem } from './password-policy.js';

describe('passwordProblem', () => {
  it('asks admins and leads for 12 characters, others for 8', () => {
    expect(passwordProblem('plum-tree-9', 'admin')).toMatch(/at least 12 characters for the admin role/);
    expect(passwordProblem('plum-tree-9', 'lead')).toMatch(/at least 12/);
    expect(passwordProblem('plum-tree-9', 'annotator')).toBeNull();
    expect(passwordProblem('plum-tree-9-ward', 'admin')).toBeNull();
  });

  it('refuses the commonest passwords, spaces and one repeated character, whatever their length', () => {
    expect(passwordProblem('12345678', 'annotator')).toMatch(/most common/);
    expect(passwordProblem('Password123!', 'admin')).toMatch(/most common/);
    expect(passwordProblem('administrator1', 'admin')).toMatch(/most common/);
    expect(passwordProblem(' '.repeat(12), 'admin')).toMatch(/only spaces/);
    expect(passwordProblem('x'.repeat(20), 'admin')).toMatch(/one character repeated/);
  });
});
