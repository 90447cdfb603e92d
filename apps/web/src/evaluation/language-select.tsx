import { MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { SHOW_EMPTY } from './panel-header.js';

/** Picks one of the languages a report has, or all of them (the empty value). */
export function LanguageSelect({
  value,
  languages,
  onChange,
}: {
  value: string;
  languages: string[];
  onChange: (language: string) => void;
}) {
  const t = useTranslate();
  return (
    <TextField
      select
      size="small"
      label={t('clinrank.evaluation.language')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      {...SHOW_EMPTY}
      sx={{ width: 180 }}
    >
      <MenuItem value="">{t('clinrank.evaluation.all_languages')}</MenuItem>
      {languages.map((language) => (
        <MenuItem key={language} value={language}>
          {language}
        </MenuItem>
      ))}
    </TextField>
  );
}
