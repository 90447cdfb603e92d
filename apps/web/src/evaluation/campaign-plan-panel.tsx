import { graphql } from '../gql/index.js';
import type { CampaignSelection, CampaignStrategy } from '../gql/graphql.js';
import { Alert, Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { ApiError, gqlMutate, toApiError } from '../providers/graphql-client.js';
import { ApiErrorAlert } from './api-error-alert.js';
import { PanelHeader } from './panel-header.js';
import { useApiQuery } from './use-api-query.js';

const CAMPAIGN_SETUP = graphql(`
  query CampaignSetup($projectId: ID!) {
    campaignPlan(projectId: $projectId) {
      strategy
      baseline
      selection
    }
    campaignModels(projectId: $projectId)
  }
`);
const CONFIGURE_CAMPAIGN = graphql(`
  mutation ConfigureCampaign(
    $projectId: ID!
    $strategy: CampaignStrategy!
    $baseline: String
    $selection: CampaignSelection
  ) {
    configureCampaign(projectId: $projectId, strategy: $strategy, baseline: $baseline, selection: $selection) {
      strategy
      baseline
      selection
    }
  }
`);

type Strategy = CampaignStrategy;

/**
 * Which model pairs a pairwise campaign shows clinicians (every pair, or each model against one baseline) and how the
 * next one is chosen (evenly, or actively from the leaderboard's intervals). Leads and admins change it (new tasks
 * follow it at once); others see it. Clinicians never see model names.
 */
export function CampaignPlanPanel({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const t = useTranslate();
  const { data, error, reload } = useApiQuery(CAMPAIGN_SETUP, { projectId });
  const [strategy, setStrategy] = useState<Strategy>('ALL_PAIRS');
  const [baseline, setBaseline] = useState('');
  const [selection, setSelection] = useState<CampaignSelection>('UNIFORM');
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (!data) return;
    setStrategy(data.campaignPlan?.strategy ?? 'ALL_PAIRS');
    setBaseline(data.campaignPlan?.baseline ?? '');
    setSelection(data.campaignPlan?.selection ?? 'UNIFORM');
  }, [data]);

  if (!data) return <ApiErrorAlert error={error} />;
  const models = data.campaignModels;
  if (models.length < 2) return null;

  const save = async () => {
    setSaveError(null);
    setSaved(false);
    try {
      await gqlMutate(CONFIGURE_CAMPAIGN, {
        projectId,
        strategy,
        baseline: strategy === 'BASELINE' ? baseline || null : null,
        selection,
      });
      setSaved(true);
      reload();
    } catch (caught) {
      setSaveError(toApiError(caught));
    }
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="campaign-plan-panel">
      <PanelHeader title={t('clinrank.evaluation.campaign_plan')} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('clinrank.evaluation.campaign_models', { count: models.length, models: models.join(', ') })}
      </Typography>
      <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
        <TextField
          select
          size="small"
          label={t('clinrank.evaluation.campaign_strategy')}
          value={strategy}
          disabled={!canEdit}
          onChange={(event) => setStrategy(event.target.value as Strategy)}
          sx={{ width: 330 }}
        >
          <MenuItem value="ALL_PAIRS">{t('clinrank.evaluation.strategy_all_pairs')}</MenuItem>
          <MenuItem value="BASELINE">{t('clinrank.evaluation.strategy_baseline')}</MenuItem>
        </TextField>
        {strategy === 'BASELINE' && (
          <TextField
            select
            size="small"
            label={t('clinrank.evaluation.campaign_baseline')}
            value={baseline}
            disabled={!canEdit}
            onChange={(event) => setBaseline(event.target.value)}
            sx={{ width: 240 }}
          >
            {models.map((model) => (
              <MenuItem key={model} value={model}>
                {model}
              </MenuItem>
            ))}
          </TextField>
        )}
        <TextField
          select
          size="small"
          label={t('clinrank.evaluation.campaign_selection')}
          value={selection}
          disabled={!canEdit}
          onChange={(event) => setSelection(event.target.value as CampaignSelection)}
          sx={{ width: 420 }}
          data-testid="campaign-selection"
        >
          <MenuItem value="UNIFORM">{t('clinrank.evaluation.selection_uniform')}</MenuItem>
          <MenuItem value="ACTIVE">{t('clinrank.evaluation.selection_active')}</MenuItem>
        </TextField>
        {canEdit && (
          <Button variant="outlined" onClick={() => void save()} disabled={strategy === 'BASELINE' && !baseline}>
            {t('clinrank.evaluation.save_plan')}
          </Button>
        )}
      </Stack>
      {!data.campaignPlan && (
        <Alert severity="info" sx={{ mt: 1.5 }}>
          {t('clinrank.evaluation.no_plan')}
        </Alert>
      )}
      {saved && (
        <Alert severity="success" sx={{ mt: 1.5 }}>
          {t('clinrank.evaluation.plan_saved')}
        </Alert>
      )}
      <ApiErrorAlert error={saveError} />
    </Paper>
  );
}
