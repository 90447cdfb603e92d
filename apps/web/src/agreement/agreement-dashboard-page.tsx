import { Alert, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { useNavigate, useParams } from 'react-router-dom';
import type { ProjectRecord } from '../providers/data-provider.js';
import { gqlQuery } from '../providers/graphql-client.js';
import { AgreementByWeek, AgreementVersusVolume, AlphaPerCriterion, PositionBiasChart } from './agreement-charts.js';
import {
  AGREEMENT_SUMMARY,
  type AgreementSummary,
  type DashboardFilter,
  filterInput,
  ANNOTATOR_QUALITY,
  type AnnotatorQuality,
} from './agreement-queries.js';
import { ConfusionMatrixPanel } from './confusion-matrix-panel.js';
import { AnnotatorTable } from './annotator-table.js';
import { ReliabilityPanel } from './reliability-panel.js';
import { UncertaintyPanel } from './uncertainty-panel.js';
import { StatCard } from '../layout/stat-card.js';

const EMPTY_FILTER: DashboardFilter = { criterion: '', language: '', specialty: '', from: '', to: '' };

/** The lead's agreement dashboard: alpha per criterion, annotator agreement, position bias, drift, confusion matrix, flags. */
export default function AgreementDashboard() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { projectId } = useParams();
  const { data: projects } = useGetList<ProjectRecord>('projects', {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'name', order: 'ASC' },
  });
  const selected = projectId ?? projects?.[0]?.id;
  const project = projects?.find((candidate) => candidate.id === selected);
  const [filter, setFilter] = useState<DashboardFilter>(EMPTY_FILTER);
  const [threshold, setThreshold] = useState('0.6');
  const [biasP, setBiasP] = useState('0.01');
  const [summary, setSummary] = useState<AgreementSummary | null>(null);
  const [quality, setQuality] = useState<AnnotatorQuality | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const thresholds = useMemo(() => thresholdInput(threshold, biasP), [threshold, biasP]);
  const pairs = useMemo(() => summary?.criteria.flatMap((criterion) => criterion.cohenKappa) ?? [], [summary]);

  useEffect(() => setFilter(EMPTY_FILTER), [selected]);

  useEffect(() => {
    if (!selected) return;
    // The summary comes from a kept tally and answers fast; annotator quality may take long on a large project, so each
    // shows as soon as it arrives. A reply to an older filter is dropped.
    let current = true;
    setError(null);
    setPending(2);
    const variables = { projectId: selected, filter: filterInput(filter) };
    const fail = (caught: Error) => current && setError(caught.message);
    const settle = () => current && setPending((count) => count - 1);
    gqlQuery(AGREEMENT_SUMMARY, variables)
      .then((data) => current && setSummary(data.agreementSummary), fail)
      .finally(settle);
    gqlQuery(ANNOTATOR_QUALITY, { ...variables, thresholds })
      .then((data) => current && setQuality(data.annotatorQuality), fail)
      .finally(settle);
    return () => {
      current = false;
    };
  }, [selected, filter, thresholds]);

  const criteria: string[] = [
    ...new Set([
      ...(project?.criteria ?? []),
      ...(summary?.criteria.map((criterion) => criterion.criterion) ?? []),
      ...(project?.kind === 'pairwise' ? ['overall'] : []),
    ]),
  ];
  const update = (field: keyof DashboardFilter) => (event: { target: { value: string } }) =>
    setFilter((current) => ({ ...current, [field]: event.target.value }));

  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={translate('clinrank.agreement.title')} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate('clinrank.agreement.choose_project')}
          value={selected ?? ''}
          onChange={(event) => navigate(`/agreement/${event.target.value}`)}
          sx={{ minWidth: 240 }}
        >
          {(projects ?? []).map((candidate) => (
            <MenuItem key={candidate.id} value={candidate.id}>
              {candidate.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate('clinrank.agreement.criterion')}
          value={filter.criterion}
          onChange={update('criterion')}
          sx={{ minWidth: 180 }}
        >
          <MenuItem value="">{translate('clinrank.agreement.all_criteria')}</MenuItem>
          {criteria.map((criterion) => (
            <MenuItem key={criterion} value={criterion}>
              {criterion}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate('clinrank.agreement.language')}
          value={filter.language}
          onChange={update('language')}
          sx={{ minWidth: 120 }}
        >
          <MenuItem value="">–</MenuItem>
          {(project?.languages ?? []).map((language: string) => (
            <MenuItem key={language} value={language}>
              {language}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth={false}
          size="small"
          label={translate('clinrank.agreement.specialty')}
          value={filter.specialty}
          onChange={update('specialty')}
        />
        <TextField
          fullWidth={false}
          size="small"
          type="date"
          label={translate('clinrank.agreement.from')}
          value={filter.from}
          onChange={update('from')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          fullWidth={false}
          size="small"
          type="date"
          label={translate('clinrank.agreement.to')}
          value={filter.to}
          onChange={update('to')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <TextField
          fullWidth={false}
          size="small"
          type="number"
          label={translate('clinrank.agreement.threshold')}
          value={threshold}
          onChange={(event) => setThreshold(event.target.value)}
          slotProps={{ htmlInput: { min: 0, max: 1, step: 0.05 } }}
          sx={{ width: 250 }}
        />
        <TextField
          fullWidth={false}
          size="small"
          type="number"
          label={translate('clinrank.agreement.bias_p')}
          value={biasP}
          onChange={(event) => setBiasP(event.target.value)}
          slotProps={{ htmlInput: { min: 0, max: 1, step: 0.01 } }}
          sx={{ width: 280 }}
        />
      </Stack>
      {pending > 0 && <LinearProgress />}
      {error && <Alert severity="error">{error}</Alert>}
      {summary && (
        <>
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
            <StatCard label={translate('clinrank.agreement.labels')} value={summary.labels} />
            <StatCard label={translate('clinrank.agreement.items')} value={summary.items} />
            <StatCard label={translate('clinrank.agreement.coders')} value={summary.coders} />
            {quality && (
              <StatCard
                label={translate('clinrank.agreement.flagged')}
                value={quality.annotators.filter((row) => row.flagged).length}
              />
            )}
            <Typography variant="caption">
              {translate('clinrank.agreement.cached', {
                ms: summary.cache.computeMs,
                source: translate(`clinrank.agreement.sources.${summary.cache.source}`, { _: summary.cache.source }),
              })}
            </Typography>
          </Stack>
          {summary.labels === 0 ? (
            <Alert severity="info">{translate('clinrank.agreement.no_labels')}</Alert>
          ) : (
            <>
              <AlphaPerCriterion summary={summary} />
              {quality && (
                <>
                  <AgreementVersusVolume annotators={quality.annotators} />
                  <PositionBiasChart annotators={quality.annotators} />
                  <AgreementByWeek annotators={quality.annotators} />
                  <ConfusionMatrixPanel
                    projectId={selected as string}
                    filter={filter}
                    annotators={quality.annotators}
                    pairs={pairs}
                  />
                  <ReliabilityPanel projectId={selected as string} annotators={quality.annotators} />
                  <AnnotatorTable annotators={quality.annotators} />
                </>
              )}
            </>
          )}
          <UncertaintyPanel projectId={selected as string} />
        </>
      )}
    </Stack>
  );
}

/** Thresholds for the API; an empty or out-of-range field sets no threshold. */
function thresholdInput(agreement: string, biasP: string): Record<string, number> {
  const result: Record<string, number> = {};
  const minLoo = Number(agreement);
  const p = Number(biasP);
  if (agreement !== '' && minLoo >= 0 && minLoo <= 1) result.minLooAgreement = minLoo;
  if (biasP !== '' && p > 0 && p <= 1) result.positionBiasPValue = p;
  return result;
}
