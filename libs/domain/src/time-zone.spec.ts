import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from './errors.js';
import { checkTimeZone, isTimeZone } from './time-zone.js';

describe('isTimeZone', () => {
  it.each(['Europe/Rome', 'Asia/Shanghai', 'America/Argentina/Buenos_Aires', 'UTC', 'Etc/GMT-5', 'Etc/GMT+12'])(
    'accepts %s',
    (zone) => expect(isTimeZone(zone)).toBe(true),
  );

  it.each(['', 'Mars/Olympus_Mons', '+05:00', 'Europe/Rome; DROP TABLE labels', '../etc/passwd', 'x'.repeat(65)])(
    'refuses %j',
    (zone) => expect(isTimeZone(zone)).toBe(false),
  );
});

describe('checkTimeZone', () => {
  it('names the field and the expected form', () => {
    expect(() => checkTimeZone('Nowhere/Atall')).toThrow(
      expect.objectContaining({ code: ErrorCode.BadUserInput, field: 'timeZone' }),
    );
    expect(() => checkTimeZone('Europe/Paris')).not.toThrow();
  });
});
