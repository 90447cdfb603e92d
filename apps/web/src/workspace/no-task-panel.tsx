import { Alert, Button, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { KeySuffix } from './key-hint.js';
import type { MyProject } from './task-api.js';
import { findProject, nextProjectWithWork } from './use-my-projects.js';

/**
 * What shows when no task came back. With a project chosen, that project has run dry: say so and offer the next project
 * with work (Enter). "All done" only when nothing is left in any project.
 */
export function NoTaskPanel({
  projectId,
  projects,
  canUndo,
  onUndo,
  onGo,
}: {
  projectId?: string;
  projects: MyProject[] | null;
  canUndo: boolean;
  onUndo: () => void;
  onGo: (projectId: string) => void;
}) {
  const translate = useTranslate();
  const undo = canUndo ? (
    <Button onClick={onUndo}>
      {translate('clinrank.ws.undo')}
      <KeySuffix keys="U" />
    </Button>
  ) : undefined;
  if (!projectId)
    return (
      <Alert severity="success" data-testid="no-task" data-scope="all" action={undo}>
        {translate('clinrank.ws.empty')}
      </Alert>
    );
  if (projects === null) return null;
  const chosen = findProject(projects, projectId);
  const next = nextProjectWithWork(projects, projectId);
  const name = chosen?.project.name ?? translate('clinrank.ws.this_project');
  if (!next)
    return (
      <Alert severity="success" data-testid="no-task" data-scope="all" action={undo}>
        {translate('clinrank.ws.empty')}
      </Alert>
    );
  return (
    <Alert severity="info" data-testid="no-task" data-scope="project" action={undo}>
      <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Typography data-testid="project-dry">{translate('clinrank.ws.project_dry', { project: name })}</Typography>
        <Typography>
          {translate('clinrank.ws.next_project', { project: next.project.name, count: next.remaining })}
        </Typography>
        <Button
          variant="contained"
          onClick={() => onGo(next.project.id)}
          data-testid="next-project"
          data-project-id={next.project.id}
          aria-keyshortcuts="Enter"
        >
          {translate('clinrank.ws.go_to_project', { project: next.project.name })}
          <KeySuffix keys="Enter" />
        </Button>
      </Stack>
    </Alert>
  );
}
