import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Drawer,
  FormControlLabel,
  IconButton,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { MarkdownView } from './markdown-view.js';
import { fetchGuidelines } from './task-api.js';

export const SKIP_REASONS = ['outside_expertise', 'unclear', 'language', 'other'] as const;

type Kind = 'pairwise' | 'ranking' | 'rating' | 'validation';
const ALL_KINDS: readonly Kind[] = ['pairwise', 'ranking', 'rating', 'validation'];

/** Each shortcut, what it does (a key under clinrank.ws.keys) and the task kinds it works in. */
const HOTKEYS: [keys: string, what: string, kinds: readonly Kind[]][] = [
  ['1 2 3 4', 'choose', ['pairwise']],
  ['Q W', 'strength', ['pairwise']],
  ['1 … 9', 'score', ['rating']],
  ['1 2 3', 'verdict', ['validation']],
  ['1 … 8', 'reasons', ['validation']],
  ['↑ ↓', 'move', ALL_KINDS],
  ['Alt+↑ Alt+↓ · T', 'reorder', ['ranking']],
  ['C', 'confirm_order', ['ranking']],
  ['Enter · Ctrl+Enter', 'submit', ALL_KINDS],
  ['S', 'skip', ALL_KINDS],
  ['U', 'undo', ALL_KINDS],
  ['G', 'guidelines', ALL_KINDS],
  ['?', 'help', ALL_KINDS],
];

/** The shortcuts that work in a task kind (all of them while no task is on screen). */
export function hotkeysFor(kind: Kind | undefined): { keys: string; what: string }[] {
  return HOTKEYS.filter(([, , kinds]) => !kind || kinds.includes(kind)).map(([keys, what]) => ({ keys, what }));
}

/** The keyboard help overlay (`?`): only the keys of the task kind on screen. */
export function HelpDialog({ open, onClose, kind }: { open: boolean; onClose: () => void; kind?: Kind }) {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="help-title">
      <DialogTitle id="help-title">{translate('clinrank.ws.help')}</DialogTitle>
      <DialogContent>
        <Table size="small" data-testid="help-keys" data-kind={kind ?? ''}>
          <TableBody>
            {hotkeysFor(kind).map(({ keys, what }) => (
              <TableRow key={what} data-testid={`help-${what}`}>
                <TableCell>
                  <Box component="kbd" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
                    {keys}
                  </Box>
                </TableCell>
                <TableCell>{translate(`clinrank.ws.keys.${what}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {translate('ra.action.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Asks why the task is skipped; 1–4 pick a reason, Enter confirms. */
export function SkipDialog({
  open,
  onClose,
  onSkip,
}: {
  open: boolean;
  onClose: () => void;
  onSkip: (reason: string) => void;
}) {
  const translate = useTranslate();
  const [reason, setReason] = useState<string>(SKIP_REASONS[0]);
  const [other, setOther] = useState('');
  useEffect(() => {
    if (open) {
      setReason(SKIP_REASONS[0]);
      setOther('');
    }
  }, [open]);
  const confirm = () => onSkip(reason === 'other' ? other.trim() || 'other' : reason);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      aria-labelledby="skip-title"
      onKeyDown={(event) => {
        const inText =
          (event.target as HTMLElement).tagName === 'INPUT' && (event.target as HTMLInputElement).type === 'text';
        const digit = /^Digit([1-4])$/.exec(event.code);
        if (digit && !inText) {
          event.preventDefault();
          setReason(SKIP_REASONS[Number(digit[1]) - 1]);
        } else if (event.key === 'Enter') {
          event.preventDefault();
          confirm();
        }
      }}
    >
      <DialogTitle id="skip-title">{translate('clinrank.ws.skip_title')}</DialogTitle>
      <DialogContent>
        <RadioGroup
          aria-label={translate('clinrank.ws.skip_reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        >
          {SKIP_REASONS.map((value, index) => (
            <FormControlLabel
              key={value}
              value={value}
              control={<Radio autoFocus={index === 0} />}
              label={`${index + 1}. ${translate(`clinrank.ws.skip_reasons.${value}`)}`}
            />
          ))}
        </RadioGroup>
        {reason === 'other' && (
          <TextField
            autoFocus
            fullWidth
            size="small"
            label={translate('clinrank.ws.skip_reason')}
            value={other}
            onChange={(event) => setOther(event.target.value)}
            slotProps={{ htmlInput: { dir: 'auto' } }}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('clinrank.ws.cancel')}</Button>
        <Button variant="contained" onClick={confirm} data-testid="skip-confirm">
          {translate('clinrank.ws.skip')} (Enter)
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** The guidelines drawer, showing the version the task is labelled under. */
export function GuidelinesDrawer({
  open,
  onClose,
  projectId,
  version,
}: {
  open: boolean;
  onClose: () => void;
  projectId: string;
  version: number;
}) {
  const translate = useTranslate();
  const [markdown, setMarkdown] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let current = true;
    setMarkdown(null);
    fetchGuidelines(projectId, version).then(
      (guidelines) => current && setMarkdown(guidelines.markdown),
      (error: Error) => current && setMarkdown(error.message),
    );
    return () => {
      current = false;
    };
  }, [open, projectId, version]);
  return (
    <Drawer
      anchor="right"
      open={open}
      onClose={onClose}
      slotProps={{ paper: { sx: { width: { xs: '100%', sm: 480 }, p: 2 } } }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="h6" component="h2">
          {translate('clinrank.ws.guidelines_version', { version })}
        </Typography>
        <IconButton onClick={onClose} aria-label={translate('ra.action.close')}>
          <CloseIcon />
        </IconButton>
      </Box>
      {markdown === null ? (
        <Typography>{translate('ra.page.loading')}</Typography>
      ) : (
        <MarkdownView text={markdown} testId="guidelines" />
      )}
    </Drawer>
  );
}
