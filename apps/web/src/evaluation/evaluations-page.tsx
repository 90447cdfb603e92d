import { Alert, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { Title, useGetList, usePermissions, useTranslate } from 'react-admin';
import type { ProjectRecord } from '../providers/data-provider.js';
import { CampaignEvaluation } from './campaign-evaluation.js';
import { ValidationReportPanel } from './validation-report-panel.js';

const EVALUATION_ROLES = new Set(['lead', 'admin', 'ml_engineer']);
/** The roles configureCampaign's @Roles allows. */
const PLANNING_ROLES = new Set(['lead', 'admin']);
/** The roles requestBertScore's @Roles allows. */
const BERTSCORE_ROLES = new Set(['lead', 'admin', 'ml_engineer']);

function ProjectSelect({
  projects,
  value,
  onChange,
}: {
  projects: Pick<ProjectRecord, 'id' | 'name' | 'kind'>[];
  value: string;
  onChange: (id: string) => void;
}) {
  const t = useTranslate();
  return (
    <TextField
      select
      size="small"
      label={t('clinrank.evaluation.project')}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      sx={{ width: 360 }}
    >
      {projects.map((project) => (
        <MenuItem key={project.id} value={project.id}>
          {project.name}
          {project.kind === 'validation' && (
            <span style={{ opacity: 0.6, marginInlineStart: 6 }}>({t('clinrank.evaluation.validation_kind')})</span>
          )}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** Evaluations: a campaign's results and automatic metrics, or a validation project's acceptance report. */
export default function EvaluationsPage() {
  const t = useTranslate();
  const { permissions: role } = usePermissions<string>();
  const allowed = EVALUATION_ROLES.has(role ?? '');
  const { data: projects } = useGetList<ProjectRecord>(
    'projects',
    { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } },
    { enabled: allowed },
  );
  const [projectId, setProjectId] = useState('');
  const project = (projects ?? []).find((candidate) => candidate.id === projectId) ?? projects?.[0];

  if (role !== undefined && !allowed)
    return (
      <Alert severity="warning" sx={{ m: 2 }}>
        {t('clinrank.evaluation.not_allowed')}
      </Alert>
    );
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={t('clinrank.evaluation.title')} />
      <ProjectSelect projects={projects ?? []} value={project?.id ?? ''} onChange={setProjectId} />
      {project?.kind === 'validation' && (
        <ValidationReportPanel key={project.id} projectId={project.id} basename={project.slug} />
      )}
      {project && project.kind !== 'validation' && (
        <CampaignEvaluation
          key={project.id}
          project={project}
          canRequestBertScore={BERTSCORE_ROLES.has(role ?? '')}
          canPlan={PLANNING_ROLES.has(role ?? '')}
        />
      )}
    </Stack>
  );
}
