import { describe, expect, it } from '@jest/globals';
import { DomainError } from '@clinrank/domain';
import { assertTrainable, splitRecords } from './snapshot-splits.js';

const manifest = (train: number, validation: number, test: number) => ({
  counts: {
    splits: {
      train: { items: train, records: train },
      validation: { items: validation, records: validation },
      test: { items: test, records: test },
    },
  },
});

describe('snapshot splits', () => {
  it('reads the record counts of each split, missing ones as 0', () => {
    expect(splitRecords(manifest(8, 1, 1))).toEqual({ train: 8, validation: 1, test: 1 });
    expect(splitRecords({ counts: {} })).toEqual({ train: 0, validation: 0, test: 0 });
    expect(splitRecords(null)).toEqual({ train: 0, validation: 0, test: 0 });
  });

  it('accepts a snapshot with train and validation records, and refuses one without, naming the empty split', () => {
    expect(() => assertTrainable('s1', manifest(8, 1, 0))).not.toThrow();
    const refuse = (value: unknown) => {
      try {
        assertTrainable('s1', value);
      } catch (error) {
        return error as DomainError;
      }
      throw new Error('accepted');
    };
    expect(refuse(manifest(10, 0, 0))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'snapshotId',
      message: expect.stringContaining('no validation records'),
    });
    expect(refuse(manifest(0, 0, 3)).message).toContain('no train and no validation records');
  });
});
