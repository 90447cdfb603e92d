import TranslateIcon from '@mui/icons-material/Translate';
import { Box, Button, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { LOCALES } from '../i18n/i18n-provider.js';

/** The UI language switcher, with an accessible name (React-Admin's own has an empty aria-label). */
export function LanguageMenu() {
  const translate = useTranslate();
  const [locale, setLocale] = useLocaleState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const current = LOCALES.find((entry) => entry.locale === locale) ?? LOCALES[0];
  return (
    <>
      <Button
        color="inherit"
        startIcon={<TranslateIcon />}
        aria-label={`${translate('clinrank.app.language')}: ${current.name}`}
        aria-haspopup="menu"
        aria-controls={anchor ? 'language-menu' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{
          textTransform: 'none',
          minWidth: { xs: 40, sm: 64 },
          '& .MuiButton-startIcon': { marginInlineStart: { xs: 0, sm: '-4px' }, marginInlineEnd: { xs: 0, sm: '8px' } },
        }}
      >
        {/* On phones the icon alone, so the page title keeps its room. */}
        <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
          {current.name}
        </Box>
      </Button>
      <Menu id="language-menu" anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {LOCALES.map((entry) => (
          <MenuItem
            key={entry.locale}
            selected={entry.locale === locale}
            lang={entry.locale}
            onClick={() => (setLocale(entry.locale), setAnchor(null))}
          >
            {entry.name}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
