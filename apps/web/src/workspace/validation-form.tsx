import { Box, Chip, Paper, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import type { Draft, ValidationDraft } from './drafts.js';
import { MarkdownView } from './markdown-view.js';
import { KeyHint } from './key-hint.js';
import { FIXED_TEXT_ROW } from './label-content.js';
import { rowSx, type TaskFormProps } from './task-form.js';

export const VERDICTS = ['accept', 'reject', 'fix'] as const;
export const VALIDATION_REASONS = [
  'factually_incorrect',
  'unsafe',
  'incomplete',
  'outdated',
  'off_topic',
  'question_flawed',
  'wrong_language',
  'poorly_written',
] as const;
export const FIXED_TEXT_TEST_ID = 'fixed-text';

type Verdict = (typeof VERDICTS)[number];

function withValidation(draft: Draft, change: (validation: ValidationDraft) => ValidationDraft): Draft {
  return { ...draft, validation: change(draft.validation) };
}

/** Sets the verdict; "fix" starts the corrected text from the candidate's own text, so only the error needs editing. */
export function chooseVerdict(draft: Draft, verdict: Verdict, candidateText: string): Draft {
  return withValidation(draft, (validation) => ({
    ...validation,
    verdict,
    fixedText: verdict === 'fix' ? (validation.fixedText ?? candidateText) : validation.fixedText,
  }));
}

/** Adds or removes one reason. */
export function toggleReason(draft: Draft, reason: string): Draft {
  return withValidation(draft, (validation) => ({
    ...validation,
    reasons: validation.reasons.includes(reason)
      ? validation.reasons.filter((other) => other !== reason)
      : [...validation.reasons, reason],
  }));
}

/** Keyboard rows of the validation screen: the verdict, then the reasons once the answer is rejected or fixed. */
export function validationRows(draft: Draft): number {
  const verdict = draft.validation.verdict;
  return verdict === 'reject' || verdict === 'fix' ? 2 : 1;
}

/** Set when the editor should take the keyboard as soon as it mounts (it renders only once the verdict is "fix"). */
let focusEditorOnMount = false;

function focusAtEnd(editor: HTMLTextAreaElement): void {
  editor.focus();
  // Corrections usually append or amend the end; starting there saves a keystroke.
  editor.setSelectionRange(editor.value.length, editor.value.length);
}

/**
 * Moves keyboard focus into the corrected-text editor, right after choosing "fix" (or with E once the editor was left).
 * Right after the choice the editor is not rendered yet; it then takes the focus when it mounts, whenever that is.
 */
export function focusFixedText(): void {
  const editor = document.querySelector<HTMLTextAreaElement>(`[data-testid="${FIXED_TEXT_TEST_ID}"]`);
  if (editor) focusAtEnd(editor);
  else focusEditorOnMount = true;
}

function takeFocusIfAsked(editor: HTMLTextAreaElement | null): void {
  if (!editor || !focusEditorOnMount) return;
  focusEditorOnMount = false;
  focusAtEnd(editor);
}

/** A row of the form that the arrow keys move between. */
function FocusRow({
  index,
  focused,
  onFocusRow,
  label,
  children,
  testId,
  missing,
}: {
  index: number;
  focused: number;
  onFocusRow: (index: number) => void;
  label: string;
  children: ReactNode;
  testId: string;
  missing: boolean;
}) {
  const active = index === focused;
  return (
    <Box
      role="group"
      aria-label={label}
      aria-current={active ? 'true' : undefined}
      aria-invalid={missing || undefined}
      data-missing={missing ? 'true' : undefined}
      data-testid={testId}
      onClick={() => onFocusRow(index)}
      sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, p: 1, ...rowSx(active, missing) }}
    >
      <Typography sx={{ minWidth: 140, fontWeight: 600 }}>{label}</Typography>
      {children}
    </Box>
  );
}

/** The candidate answer and, once "fix" is chosen, the editor for the corrected text. */
export function ValidationContent({ task, draft, update, missing }: TaskFormProps) {
  const translate = useTranslate();
  const candidate = task.responses[0];
  const { verdict, fixedText } = draft.validation;
  return (
    <Stack spacing={2}>
      <Paper
        variant="outlined"
        component="section"
        aria-label={translate('clinrank.ws.validation.candidate')}
        data-testid="candidate"
        data-response-id={candidate.id}
        sx={{ p: 2, borderTop: 4, borderTopColor: 'primary.main' }}
      >
        <Chip color="primary" label={translate('clinrank.ws.validation.candidate')} sx={{ fontWeight: 700, mb: 1 }} />
        <MarkdownView text={candidate.text} lang={task.language} testId="answer-text" />
      </Paper>
      {verdict === 'fix' && (
        <TextField
          fullWidth
          multiline
          minRows={5}
          label={translate('clinrank.ws.validation.fixed_text')}
          helperText={translate('clinrank.ws.validation.fixed_hint')}
          error={Boolean(missing?.has(FIXED_TEXT_ROW))}
          value={fixedText ?? ''}
          onChange={(event) =>
            update((current) =>
              withValidation(current, (validation) => ({ ...validation, fixedText: event.target.value })),
            )
          }
          inputRef={takeFocusIfAsked}
          slotProps={{
            htmlInput: {
              dir: 'auto',
              lang: task.language,
              style: { unicodeBidi: 'plaintext' },
              'data-testid': FIXED_TEXT_TEST_ID,
            },
          }}
        />
      )}
    </Stack>
  );
}

/** The verdict row and, for a rejection or a fix, the reasons row: the validation part of the decision bar. */
export function ValidationDecision({ task, draft, focused, onFocusRow, update, missing }: TaskFormProps) {
  const translate = useTranslate();
  const candidate = task.responses[0];
  const { verdict, reasons } = draft.validation;
  const pick = (value: Verdict) => {
    update((current) => chooseVerdict(current, value, candidate.text));
    if (value === 'fix') focusFixedText();
  };
  return (
    <Box component="section" aria-label={translate('clinrank.ws.validation.verdict_label')}>
      <FocusRow
        index={0}
        focused={focused}
        onFocusRow={onFocusRow}
        label={translate('clinrank.ws.validation.verdict_label')}
        testId="verdict"
        missing={Boolean(missing?.has(0)) && !verdict}
      >
        <ToggleButtonGroup
          size="small"
          exclusive
          value={verdict ?? null}
          onChange={(_event, value: Verdict | null) => value && pick(value)}
        >
          {VERDICTS.map((value, index) => (
            <ToggleButton
              key={value}
              value={value}
              color={value === 'accept' ? 'success' : value === 'reject' ? 'error' : 'warning'}
              aria-keyshortcuts={String(index + 1)}
              data-testid={`verdict-${value}`}
            >
              <KeyHint>{String(index + 1)}</KeyHint>
              {translate(`clinrank.ws.validation.verdict.${value}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
      </FocusRow>
      {(verdict === 'reject' || verdict === 'fix') && (
        <FocusRow
          index={1}
          focused={focused}
          onFocusRow={onFocusRow}
          label={translate(
            verdict === 'reject'
              ? 'clinrank.ws.validation.reasons_required'
              : 'clinrank.ws.validation.reasons_optional',
          )}
          testId="reasons"
          missing={Boolean(missing?.has(1)) && reasons.length === 0}
        >
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75, flex: 1 }}>
            {VALIDATION_REASONS.map((reason, index) => {
              const chosen = reasons.includes(reason);
              return (
                <Chip
                  key={reason}
                  clickable
                  color={chosen ? 'error' : 'default'}
                  variant={chosen ? 'filled' : 'outlined'}
                  aria-pressed={chosen}
                  aria-keyshortcuts={String(index + 1)}
                  data-testid={`reason-${reason}`}
                  onClick={() => update((current) => toggleReason(current, reason))}
                  label={
                    <>
                      <KeyHint>{String(index + 1)}</KeyHint>
                      {translate(`clinrank.ws.validation.reasons.${reason}`)}
                    </>
                  }
                />
              );
            })}
          </Box>
        </FocusRow>
      )}
    </Box>
  );
}

/** The synthetic-data validation screen as one column (the adjudication editor). */
export function ValidationForm(props: TaskFormProps) {
  return (
    <Stack spacing={2}>
      <ValidationContent {...props} />
      <Paper variant="outlined" sx={{ p: 1 }}>
        <ValidationDecision {...props} />
      </Paper>
    </Stack>
  );
}
