import { describe, expect, it } from '@jest/globals';
import { appAr } from './app-ar.js';
import { appEn } from './app-en.js';
import { appEs } from './app-es.js';
import { appFr } from './app-fr.js';
import { appIt } from './app-it.js';
import { appZh } from './app-zh.js';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [inner, text] of leaves(value, `${prefix}${key}.`)) out.set(inner, text);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/%\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('UI catalogues', () => {
  const english = leaves(appEn as unknown as Tree);
  it.each([['fr', appFr], ['zh', appZh], ['ar', appAr], ['it', appIt], ['es', appEs]])('%s has every English key, non-empty, with the same placeholders', (_locale, catalogue) => {
    const translated = leaves(catalogue as unknown as Tree);
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of translated) {
      expect(text.trim()).not.toBe('');
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(english.get(key)!) });
    }
  });
});
