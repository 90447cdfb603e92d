import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { appEn } from './app-en.js';
import { mlPagesEn } from './ml-pages-en.js';

export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'zh', name: '中文' },
  { locale: 'ar', name: 'العربية' },
  { locale: 'fr', name: 'Français' },
  { locale: 'it', name: 'Italiano' },
  { locale: 'es', name: 'Español' },
] as const;

export const RTL_LOCALES = new Set(['ar']);

type Tree = { [key: string]: string | Tree };

/** Deep-merges translations over English so a missing key shows English, never a raw key. */
export function deepMerge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = typeof value === 'object' && typeof current === 'object' ? deepMerge(current, value) : value;
  }
  return out;
}

/** Each catalogue merged over the ones before it. */
const layered = (...catalogues: object[]): Tree =>
  catalogues.reduce<Tree>((merged, catalogue) => deepMerge(merged, catalogue as Tree), {});

const english = layered(englishMessages, appEn, mlPagesEn);

/** Loads a non-English catalogue on demand so the first load only carries English. */
async function loadMessages(locale: string): Promise<Tree> {
  switch (locale) {
    case 'fr': {
      const [{ default: french }, { appFr }, { mlPagesFr }] = await Promise.all([
        import('ra-language-french'),
        import('./app-fr.js'),
        import('./ml-pages-fr.js'),
      ]);
      return layered(english, french, appFr, mlPagesFr);
    }
    case 'zh': {
      const [{ raZh }, { appZh }, { mlPagesZh }] = await Promise.all([
        import('./ra-core-extra.js'),
        import('./app-zh.js'),
        import('./ml-pages-zh.js'),
      ]);
      return layered(english, { ra: raZh }, appZh, mlPagesZh);
    }
    case 'ar': {
      const [{ raAr }, { appAr }, { mlPagesAr }] = await Promise.all([
        import('./ra-core-extra.js'),
        import('./app-ar.js'),
        import('./ml-pages-ar.js'),
      ]);
      return layered(english, { ra: raAr }, appAr, mlPagesAr);
    }
    case 'it': {
      const [{ raIt }, { appIt }, { mlPagesIt }] = await Promise.all([
        import('./ra-core-extra.js'),
        import('./app-it.js'),
        import('./ml-pages-it.js'),
      ]);
      return layered(english, { ra: raIt }, appIt, mlPagesIt);
    }
    case 'es': {
      const [{ raEs }, { appEs }, { mlPagesEs }] = await Promise.all([
        import('./ra-core-extra.js'),
        import('./app-es.js'),
        import('./ml-pages-es.js'),
      ]);
      return layered(english, { ra: raEs }, appEs, mlPagesEs);
    }
    default:
      return english;
  }
}

/** The initial locale: the one chosen last time (React-Admin's store), else the browser's, else English. */
export function initialLocale(): string {
  try {
    const stored = localStorage.getItem('RaStore.locale');
    if (stored) return JSON.parse(stored) as string;
  } catch {
    /* fall through */
  }
  const browser = navigator.language.slice(0, 2);
  return LOCALES.some((entry) => entry.locale === browser) ? browser : 'en';
}

export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? english : loadMessages(locale)) as never,
  initialLocale(),
  LOCALES.map((entry) => ({ locale: entry.locale, name: entry.name })),
  { allowMissing: true },
);
