import { createTheme } from '@mui/material/styles';
import { defaultTheme } from 'react-admin';

// System fonts only (the CSP forbids CDN fonts): Latin first, then CJK and Arabic faces that ship with common systems.
const LATIN = ['system-ui', '-apple-system', '"Segoe UI"', 'Roboto', '"Noto Sans"', '"Helvetica Neue"', 'Arial'];
export const CJK_FONTS = [
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
];
const ARABIC = ['"Noto Sans Arabic"', '"Noto Naskh Arabic"', '"Geeza Pro"', '"Segoe UI"', 'Tahoma'];

/** The font stack for a language: its own script's faces first. */
export function fontStack(language: string): string {
  const faces = language.startsWith('zh')
    ? [...CJK_FONTS, ...LATIN, ...ARABIC]
    : language === 'ar'
      ? [...ARABIC, ...LATIN, ...CJK_FONTS]
      : [...LATIN, ...CJK_FONTS, ...ARABIC];
  return [...faces, 'sans-serif'].join(', ');
}

/** The MUI theme for a UI language: right-to-left for Arabic, the right font stack for each. */
export function themeFor(locale: string) {
  return createTheme({
    ...defaultTheme,
    direction: locale === 'ar' ? 'rtl' : 'ltr',
    typography: { fontFamily: fontStack(locale) },
    palette: { primary: { main: '#1f5f8b' }, secondary: { main: '#8b3f1f' } },
    components: {
      ...defaultTheme.components,
      MuiCssBaseline: {
        styleOverrides: {
          ':lang(zh)': { fontFamily: fontStack('zh') },
          ':lang(ar)': { fontFamily: fontStack('ar') },
          ':focus-visible': { outline: '3px solid #f5a623', outlineOffset: 2 },
        },
      },
      // A chosen answer must be obvious at a glance: filled, not a faint grey.
      MuiToggleButton: {
        styleOverrides: {
          root: ({ theme }) => ({
            '&.Mui-selected, &.Mui-selected:hover': {
              backgroundColor: theme.palette.primary.main,
              color: theme.palette.primary.contrastText,
            },
          }),
        },
      },
    },
  });
}
