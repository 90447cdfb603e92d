import { Box } from '@mui/material';

/** Class of every keyboard hint in the workspace; phones hide them (see `hideKeyHintsOnPhones`). */
export const KEY_HINT_CLASS = 'clinrank-key-hint';

/** A keyboard shortcut drawn next to a control, hidden on phones where there is no keyboard. */
export function KeyHint({ children }: { children: string }) {
  return (
    <Box
      component="kbd"
      className={KEY_HINT_CLASS}
      sx={{ mr: 0.75, px: 0.5, border: 1, borderRadius: 0.5, fontSize: '0.7rem', opacity: 0.8 }}
    >
      {children}
    </Box>
  );
}

/** Text such as " (Enter)" after a button label, hidden on phones. */
export function KeySuffix({ keys }: { keys: string }) {
  // A margin, not a space: a leading space inside a flex item (a button's label) is dropped.
  return <span className={KEY_HINT_CLASS} style={{ marginInlineStart: '0.35em' }}>{`(${keys})`}</span>;
}

/** sx for the workspace root: no keyboard hints below the `sm` breakpoint. */
export const hideKeyHintsOnPhones = {
  [`@media (max-width: 599.95px)`]: { [`& .${KEY_HINT_CLASS}`]: { display: 'none' } },
} as const;
