import {
  Alert,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useEffect, useState } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import { graphql } from '../gql/index.js';
import type { ProjectProgressQuery } from '../gql/graphql.js';
import type { ProjectRecord } from '../providers/data-provider.js';
import { browserTimeZone } from '../providers/browser-time-zone.js';
import { gqlQuery } from '../providers/graphql-client.js';
import { StatCard } from '../layout/stat-card.js';

const PROGRESS = graphql(`
  query ProjectProgress($projectId: ID!, $timeZone: String) {
    projectProgress(projectId: $projectId, timeZone: $timeZone) {
      items
      completeItems
      pendingItems
      inProgressItems
      labels
      responses
      activeLeases
      annotators {
        annotatorId
        username
        kind
        labels
        labelsToday
        skipped
        medianTimeMs
        lastLabelAt
      }
      perDay {
        day
        username
        labels
      }
    }
  }
`);

type ProjectProgress = ProjectProgressQuery['projectProgress'];

/** Labels per annotator per day, as a stacked bar chart. */
function PerDayChart({ perDay }: { perDay: ProjectProgress['perDay'] }) {
  const days = [...new Set(perDay.map((row) => row.day))].sort();
  const users = [...new Set(perDay.map((row) => row.username))].sort();
  if (!days.length) return null;
  const series = users.map((username) => ({
    label: username,
    stack: 'labels',
    data: days.map((day) => perDay.find((row) => row.day === day && row.username === username)?.labels ?? 0),
  }));
  return <BarChart height={280} xAxis={[{ scaleType: 'band', data: days }]} series={series} />;
}

/** The lead's progress dashboard: items done and pending, labels per annotator per day. */
export default function ProgressPage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { projectId } = useParams();
  const { data: projects } = useGetList<ProjectRecord>('projects', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'name', order: 'ASC' },
  });
  const [progress, setProgress] = useState<ProjectProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const selected = projectId ?? projects?.[0]?.id;

  useEffect(() => {
    if (!selected) return;
    setProgress(null);
    gqlQuery(PROGRESS, { projectId: selected, timeZone: browserTimeZone() }).then(
      (data) => setProgress(data.projectProgress),
      (caught: Error) => setError(caught.message),
    );
  }, [selected]);

  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={translate('clinrank.progress.title')} />
      <TextField
        select
        size="small"
        label={translate('clinrank.progress.choose_project')}
        value={selected ?? ''}
        onChange={(event) => navigate(`/progress/${event.target.value}`)}
        sx={{ maxWidth: 400 }}
      >
        {(projects ?? []).map((project) => (
          <MenuItem key={project.id} value={project.id}>
            {project.name}
          </MenuItem>
        ))}
      </TextField>
      {error && <Alert severity="error">{error}</Alert>}
      {progress && (
        <>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <StatCard label={translate('clinrank.progress.items')} value={progress.items} />
            <StatCard label={translate('clinrank.progress.complete')} value={progress.completeItems} />
            <StatCard label={translate('clinrank.progress.in_progress')} value={progress.inProgressItems} />
            <StatCard label={translate('clinrank.progress.pending')} value={progress.pendingItems} />
            <StatCard label={translate('clinrank.progress.labels')} value={progress.labels} />
          </Stack>
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="h6" component="h2">
              {translate('clinrank.progress.per_day')}
            </Typography>
            <PerDayChart perDay={progress.perDay} />
          </Paper>
          <Paper variant="outlined">
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('clinrank.progress.annotator')}</TableCell>
                  <TableCell align="right">{translate('clinrank.progress.labels')}</TableCell>
                  <TableCell align="right">{translate('clinrank.progress.today')}</TableCell>
                  <TableCell align="right">{translate('clinrank.progress.skipped')}</TableCell>
                  <TableCell align="right">{translate('clinrank.progress.median')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {progress.annotators.map((annotator) => (
                  <TableRow key={annotator.annotatorId}>
                    <TableCell>
                      {annotator.username}
                      {annotator.kind !== 'human' ? ` (${annotator.kind})` : ''}
                    </TableCell>
                    <TableCell align="right">{annotator.labels}</TableCell>
                    <TableCell align="right">{annotator.labelsToday}</TableCell>
                    <TableCell align="right">{annotator.skipped}</TableCell>
                    <TableCell align="right">
                      {annotator.medianTimeMs === null ? '–' : `${Math.round(annotator.medianTimeMs / 1000)} s`}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        </>
      )}
    </Stack>
  );
}
