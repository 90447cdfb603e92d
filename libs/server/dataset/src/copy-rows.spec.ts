import { describe, expect, it } from '@jest/globals';
import { unescapeCopyText } from './copy-rows.js';

describe('unescapeCopyText', () => {
  it('undoes the doubled backslashes COPY writes in JSON text, so the row parses to the stored string', () => {
    // The JSON text {"t":"a\"b\\c"} (a string a"b\c) comes out of COPY with every backslash doubled.
    const copied = String.raw`{"t":"a\\"b\\\\c"}`;
    expect(JSON.parse(unescapeCopyText(copied))).toEqual({ t: 'a"b\\c' });
  });

  it('turns COPY control escapes back into characters and leaves plain text as it is', () => {
    expect(unescapeCopyText(String.raw`x\ty\nz`)).toBe('x\ty\nz');
    expect(unescapeCopyText('{"plain":"é 中"}')).toBe('{"plain":"é 中"}');
  });
});
