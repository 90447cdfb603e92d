// Arabic harakat (fathatan … sukun) and the superscript alef, which carry no lexical distinction for matching.
const ARABIC_DIACRITICS = /[\u064B-\u0652\u0670]/g;
const TATWEEL = /\u0640/g;
const ALEF_VARIANTS = /[\u0623\u0625\u0622\u0671]/g; // أ إ آ ٱ
const ALEF_MAQSURA = /\u0649/g; // ى
const CJK_CHAR = '(?=[\\p{L}\\p{N}])[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]';
// One CJK character, or a maximal run of letters/digits that contains no CJK character.
const TOKEN = new RegExp(`${CJK_CHAR}|(?:(?!${CJK_CHAR})[\\p{L}\\p{N}])+`, 'gu');

/** Normalises Arabic spelling variants: strips diacritics and tatweel, unifies alef forms and alef maqsura. */
export function normaliseArabic(text: string): string {
  return text
    .replace(ARABIC_DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(ALEF_VARIANTS, '\u0627')
    .replace(ALEF_MAQSURA, '\u064A');
}

/** The one tokenizer of every metric: Arabic-normalised, lowercased, one token per Han/kana character, otherwise runs of letters and digits. */
export function tokenize(text: string): string[] {
  return normaliseArabic(text).toLowerCase().match(TOKEN) ?? [];
}
