import { describe, expect, it } from '@jest/globals';
import { auditChanges, auditSummary, csvRow } from './audit-summary.js';

describe('audit summary', () => {
  it('lists only the fields a change altered, before → after, ignoring bookkeeping', () => {
    const before = { id: 'p1', name: 'Cardio', overlap: 3, languages: ['en'], updatedAt: '2026-01-01' };
    const after = { id: 'p1', name: 'Cardiology', overlap: 2, languages: ['en', 'zh'], updatedAt: '2026-01-02' };
    const changes = auditChanges(before, after);
    expect(changes).toEqual([
      { field: 'name', before: '"Cardio"', after: '"Cardiology"' },
      { field: 'overlap', before: '3', after: '2' },
      { field: 'languages', before: '[en]', after: '[en, zh]' },
    ]);
    expect(auditSummary(changes, 2)).toBe('name: "Cardio" → "Cardiology"; overlap: 3 → 2; and 1 more');
  });

  it('lists every field of a creation against "–", and nothing when nothing changed', () => {
    expect(auditChanges(null, { locked: true })).toEqual([{ field: 'locked', before: '–', after: 'true' }]);
    expect(auditChanges({ locked: true }, { locked: true })).toEqual([]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it('writes CSV fields quoted when needed, with formulas neutralised', () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', null, 3])).toBe('a,"b,c","say ""hi""",,3');
    expect(csvRow(['=HYPERLINK("x")'])).toBe('"\'=HYPERLINK(""x"")"');
  });
});
