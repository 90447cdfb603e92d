import { Alert, LinearProgress, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { ProjectRecord } from '../providers/data-provider.js';
import { ApiErrorAlert } from './api-error-alert.js';
import { BertScorePanel } from './bertscore-panel.js';
import { CampaignPlanPanel } from './campaign-plan-panel.js';
import { EVALUATION_REPORT, JUDGE_MODES, type Grouping, type JudgeMode } from './evaluation-query.js';
import { LeaderboardPanel } from './leaderboard-panel.js';
import { ModelMetricsPanel } from './model-metrics-panel.js';
import { SHOW_EMPTY } from './panel-header.js';
import { useApiQuery } from './use-api-query.js';
import { WinTieLosePanel } from './win-tie-lose-panel.js';

export type CampaignProject = Pick<ProjectRecord, 'id' | 'slug' | 'kind' | 'criteria'>;

interface ReportFilters {
  criterion: string;
  baseline: string;
  judges: JudgeMode;
}

function ReportFilterFields({
  filters,
  criteria,
  models,
  onChange,
}: {
  filters: ReportFilters;
  criteria: string[];
  models: string[];
  onChange: (filters: ReportFilters) => void;
}) {
  const t = useTranslate();
  return (
    <Stack direction="row" spacing={2} flexWrap="wrap" useFlexGap>
      <TextField
        select
        size="small"
        label={t('clinrank.evaluation.criterion')}
        value={filters.criterion}
        onChange={(event) => onChange({ ...filters, criterion: event.target.value })}
        sx={{ width: 160 }}
      >
        {[...criteria, 'overall'].map((name) => (
          <MenuItem key={name} value={name}>
            {name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('clinrank.evaluation.baseline')}
        value={filters.baseline}
        onChange={(event) => onChange({ ...filters, baseline: event.target.value })}
        {...SHOW_EMPTY}
        sx={{ width: 220 }}
      >
        <MenuItem value="">—</MenuItem>
        {models.map((model) => (
          <MenuItem key={model} value={model}>
            {model}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={t('clinrank.evaluation.judges')}
        value={filters.judges}
        onChange={(event) => onChange({ ...filters, judges: event.target.value as JudgeMode })}
        sx={{ width: 160 }}
      >
        {JUDGE_MODES.map((mode) => (
          <MenuItem key={mode} value={mode}>
            {t(`clinrank.evaluation.judges_${mode.toLowerCase()}`)}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}

/** A campaign's panels: win/tie/lose, leaderboard, automatic metrics and BERTScore. Keyed by project, so filters reset. */
export function CampaignEvaluation({
  project,
  canRequestBertScore,
  canPlan,
}: {
  project: CampaignProject;
  canRequestBertScore: boolean;
  canPlan: boolean;
}) {
  const t = useTranslate();
  const [filters, setFilters] = useState<ReportFilters>({ criterion: 'overall', baseline: '', judges: 'EXCLUDE' });
  const [groupBy, setGroupBy] = useState<Grouping | null>(null);
  const variables = {
    projectId: project.id,
    criterion: filters.criterion,
    baseline: filters.baseline || null,
    judges: filters.judges,
    groupBy,
  };
  const { data, error, loading } = useApiQuery(EVALUATION_REPORT, variables);
  const report = data?.evaluationReport;
  return (
    <Stack spacing={2}>
      {project.kind === 'pairwise' && <CampaignPlanPanel projectId={project.id} canEdit={canPlan} />}
      <ReportFilterFields
        filters={filters}
        criteria={project.criteria ?? []}
        models={report?.models ?? []}
        onChange={setFilters}
      />
      {loading && <LinearProgress />}
      <ApiErrorAlert error={error} />
      {report && report.rows.length === 0 && <Alert severity="info">{t('clinrank.evaluation.empty')}</Alert>}
      {report && report.rows.length > 0 && (
        <>
          <WinTieLosePanel report={report} basename={project.slug} groupBy={groupBy} onGroupByChange={setGroupBy} />
          <LeaderboardPanel report={report} basename={project.slug} />
        </>
      )}
      <ModelMetricsPanel projectId={project.id} basename={project.slug} />
      <BertScorePanel projectId={project.id} basename={project.slug} canRequest={canRequestBertScore} />
    </Stack>
  );
}
