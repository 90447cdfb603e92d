import { Box, Chip, Paper, Stack, Typography, type SxProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import { MarkdownView } from './markdown-view.js';
import type { Task } from './task-api.js';

/** The question, or the dialogue shown as a conversation, at the top of the task. */
export function TaskQuestion({ task, sx }: { task: Task; sx?: SxProps }) {
  const translate = useTranslate();
  const messages = task.messages?.length ? task.messages : null;
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-label={translate(messages ? 'clinrank.ws.dialogue' : 'clinrank.ws.question')}
      sx={{ p: { xs: 1.5, sm: 2 }, ...sx } as SxProps}
    >
      <Stack direction="row" spacing={1} sx={{ mb: 1, alignItems: 'center' }}>
        <Typography variant="overline" component="h2">
          {translate(messages ? 'clinrank.ws.dialogue' : 'clinrank.ws.question')}
        </Typography>
        <Chip size="small" label={task.language} />
        {task.specialty && <Chip size="small" variant="outlined" label={task.specialty} />}
      </Stack>
      {messages ? (
        <Stack spacing={1}>
          {messages.map((message, index) => (
            <Box
              key={index}
              sx={{
                alignSelf: message.role === 'user' ? 'flex-start' : 'flex-end',
                maxWidth: '85%',
                bgcolor: message.role === 'user' ? 'grey.100' : 'primary.50',
                border: 1,
                borderColor: 'divider',
                borderRadius: 2,
                px: 1.5,
                py: 0.5,
              }}
            >
              <Typography variant="caption" color="text.secondary">
                {translate(`clinrank.ws.role_${message.role}`, { _: message.role })}
              </Typography>
              <MarkdownView text={message.content} lang={task.language} testId="message" />
            </Box>
          ))}
        </Stack>
      ) : (
        <MarkdownView
          text={task.prompt ?? ''}
          lang={task.language}
          testId="question"
          sx={{ fontSize: '1.05rem', fontWeight: 500 }}
        />
      )}
    </Paper>
  );
}
