import { MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { findProject } from './use-my-projects.js';
import type { MyProject } from './task-api.js';

/** Chooses the project to label in ("any project" lets the server pick), with what is left in each for this clinician. */
export function ProjectPicker({ projectId, projects }: { projectId?: string; projects: MyProject[] | null }) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const chosen = findProject(projects, projectId);
  return (
    <TextField
      select
      size="small"
      label={translate('clinrank.ws.project')}
      value={chosen ? chosen.project.id : ''}
      onChange={(event) => {
        navigate(event.target.value ? `/work/${event.target.value}` : '/work');
        // Hand the keyboard back to the task: a focused select would take Enter and the arrows for itself.
        setTimeout(() => (document.activeElement as HTMLElement | null)?.blur(), 0);
      }}
      sx={{ width: { xs: '100%', sm: 340 } }}
      slotProps={{
        select: { displayEmpty: true },
        inputLabel: { shrink: true },
        htmlInput: { 'data-testid': 'project-picker' },
      }}
    >
      <MenuItem value="">{translate('clinrank.ws.any_project')}</MenuItem>
      {(projects ?? []).map((entry) => (
        <MenuItem key={entry.project.id} value={entry.project.id}>
          {entry.project.name} · {entry.remaining}
        </MenuItem>
      ))}
    </TextField>
  );
}
