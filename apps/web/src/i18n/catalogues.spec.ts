import { describe, expect, it } from '@jest/globals';
import { appAr } from './app-ar.js';
import { appEn } from './app-en.js';
import { appEs } from './app-es.js';
import { appFr } from './app-fr.js';
import { appIt } from './app-it.js';
import { appZh } from './app-zh.js';
import { mlPagesAr } from './ml-pages-ar.js';
import { mlPagesEn } from './ml-pages-en.js';
import { mlPagesEs } from './ml-pages-es.js';
import { mlPagesFr } from './ml-pages-fr.js';
import { mlPagesIt } from './ml-pages-it.js';
import { mlPagesZh } from './ml-pages-zh.js';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [inner, text] of leaves(value, `${prefix}${key}.`)) out.set(inner, text);
  }
  return out;
}

// The set, not the count: a plural string has as many forms as its language needs (one in Chinese, six in Arabic).
const placeholders = (text: string) => [...new Set([...text.matchAll(/%\{(\w+)\}/g)].map((match) => match[1]))].sort();

/** Every catalogue has exactly the English keys, each non-empty and with the English placeholders. */
function expectMirrors(englishCatalogue: object, catalogue: object): void {
  const english = leaves(englishCatalogue as Tree);
  const translated = leaves(catalogue as Tree);
  expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  for (const [key, text] of translated) {
    expect({ key, text: text.trim() }).not.toEqual({ key, text: '' });
    expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(english.get(key)!) });
  }
}

describe('UI catalogues', () => {
  it.each([
    ['fr', appFr],
    ['zh', appZh],
    ['ar', appAr],
    ['it', appIt],
    ['es', appEs],
  ])('%s has every English key, non-empty, with the same placeholders', (_locale, catalogue) => {
    expectMirrors(appEn, catalogue);
  });
});

describe('analytics and ML page catalogues', () => {
  it.each([
    ['fr', mlPagesFr],
    ['zh', mlPagesZh],
    ['ar', mlPagesAr],
    ['it', mlPagesIt],
    ['es', mlPagesEs],
  ])('%s has every English key, non-empty, with the same placeholders', (_locale, catalogue) => {
    expectMirrors(mlPagesEn, catalogue);
  });

  // Polyglot picks a form by index and falls back to the first, so a missing form reads wrong without failing.
  it.each([
    ['fr', mlPagesFr, 2],
    ['zh', mlPagesZh, 1],
    ['ar', mlPagesAr, 6],
    ['it', mlPagesIt, 2],
    ['es', mlPagesEs, 2],
  ] as const)('%s has its plural forms', (_locale, catalogue, forms) => {
    const plurals = [...leaves(mlPagesEn as unknown as Tree)]
      .filter(([, text]) => text.includes('%{smart_count}'))
      .map(([key]) => key);
    const translated = leaves(catalogue as unknown as Tree);
    expect(plurals.map((key) => [key, translated.get(key)!.split('||||').length])).toEqual(
      plurals.map((key) => [key, forms]),
    );
  });

  it('keeps them apart from the workspace catalogue, so no page key is shadowed', () => {
    const app = leaves(appEn as unknown as Tree);
    expect([...leaves(mlPagesEn as unknown as Tree).keys()].filter((key) => app.has(key))).toEqual([]);
  });
});
