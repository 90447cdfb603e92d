import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Title, useGetOne, useNotify, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import { graphql } from '../gql/index.js';
import type { ItemsQuery } from '../gql/graphql.js';
import { gqlMutate, gqlQuery } from '../providers/graphql-client.js';

const ITEMS = graphql(`
  query Items($projectId: ID!, $filter: ItemFilterInput, $limit: Int!, $offset: Int!) {
    items(projectId: $projectId, filter: $filter, limit: $limit, offset: $offset) {
      total
      projectItems
      rows {
        id
        externalId
        language
        specialty
        isGold
        labels
        status
        flags
        promptExcerpt
        adjudicated
      }
    }
  }
`);
const BULK = graphql(`
  mutation BulkItems($input: ItemBulkInput!) {
    bulkItems(input: $input) {
      action
      changed
      skipped
      reason
    }
  }
`);

type Action = 'delete_unlabelled' | 'delete' | 'set_gold' | 'unset_gold' | 're_queue';
type ItemPage = ItemsQuery['items'];
interface Filter {
  q: string;
  language: string;
  specialty: string;
  status: string;
  gold: string;
  disagreement: boolean;
  flagged: boolean;
}

const EMPTY: Filter = { q: '', language: '', specialty: '', status: '', gold: '', disagreement: false, flagged: false };
const t = (name: string) => `clinrank.items.${name}`;

function filterInput(filter: Filter) {
  return {
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.language ? { language: filter.language } : {}),
    ...(filter.specialty ? { specialty: filter.specialty } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.gold ? { gold: filter.gold === 'yes' } : {}),
    ...(filter.disagreement ? { disagreement: true } : {}),
    ...(filter.flagged ? { flagged: true } : {}),
  };
}

/** A project's items for its lead: search, filter, open one with its labels and ruling, and act on many at once. */
export default function ItemsPage() {
  const { projectId = '' } = useParams();
  const translate = useTranslate();
  const notify = useNotify();
  const { data: project } = useGetOne('projects', { id: projectId });
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(50);
  const [data, setData] = useState<ItemPage | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<{ action: Action; labels: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const latestRequest = useRef(0);
  const load = useCallback(async () => {
    // Each keystroke in the search sends a query; only the newest may fill the table, whatever order the answers come in.
    const request = ++latestRequest.current;
    try {
      const result = await gqlQuery(ITEMS, {
        projectId,
        filter: filterInput(filter),
        limit: perPage,
        offset: page * perPage,
      });
      if (request !== latestRequest.current) return;
      setData(result.items);
      setError(null);
    } catch (caught) {
      if (request === latestRequest.current) setError((caught as Error).message);
    }
  }, [projectId, filter, page, perPage]);
  useEffect(() => void load(), [load]);
  useEffect(() => setSelected(new Set()), [projectId, filter, page, perPage]);

  const update = (field: keyof Filter) => (event: { target: { value: string; checked?: boolean } }) => {
    setPage(0);
    setFilter((current) => ({
      ...current,
      [field]: typeof current[field] === 'boolean' ? Boolean(event.target.checked) : event.target.value,
    }));
  };
  const chosen = data?.rows.filter((row) => selected.has(row.id)) ?? [];
  const run = async (action: Action, confirmLabelled = false) => {
    const labels = chosen.reduce((sum, row) => sum + row.labels, 0);
    if (action === 'delete' && labels > 0 && !confirmLabelled) return setConfirming({ action, labels });
    setConfirming(null);
    setBusy(true);
    try {
      const { bulkItems } = await gqlMutate(BULK, {
        input: { projectId, itemIds: chosen.map((row) => row.id), action, confirmLabelled },
      });
      notify(t('done'), {
        type: bulkItems.skipped ? 'warning' : 'success',
        messageArgs: { changed: bulkItems.changed, skipped: bulkItems.skipped, reason: bulkItems.reason ?? '' },
      });
      await load();
      setSelected(new Set());
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const languages: string[] = project?.languages ?? [];
  const specialties: string[] = project?.specialties ?? [];
  const allChosen = !!data && data.rows.length > 0 && chosen.length === data.rows.length;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Title title={translate(t('title'), { project: project?.name ?? '' })} />
      <Typography variant="h5" component="h1">
        {translate(t('title'), { project: project?.name ?? '' })}
      </Typography>
      {data && (
        <Typography color="text.secondary" data-testid="item-counts">
          {translate(t('counts'), { total: data.total, all: data.projectItems })}
        </Typography>
      )}
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField
          fullWidth={false}
          size="small"
          label={translate(t('search'))}
          value={filter.q}
          onChange={update('q')}
          sx={{ minWidth: 240 }}
          slotProps={{ htmlInput: { 'data-testid': 'item-search' } }}
        />
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate(t('language'))}
          value={filter.language}
          onChange={update('language')}
          sx={{ minWidth: 120 }}
        >
          <MenuItem value="">–</MenuItem>
          {languages.map((language) => (
            <MenuItem key={language} value={language}>
              {language}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate(t('specialty'))}
          value={filter.specialty}
          onChange={update('specialty')}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="">–</MenuItem>
          {specialties.map((specialty) => (
            <MenuItem key={specialty} value={specialty}>
              {specialty}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate(t('status'))}
          value={filter.status}
          onChange={update('status')}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="">–</MenuItem>
          {['unlabelled', 'in_progress', 'complete'].map((status) => (
            <MenuItem key={status} value={status}>
              {translate(`${t('statuses')}.${status}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          fullWidth={false}
          select
          size="small"
          label={translate(t('gold'))}
          value={filter.gold}
          onChange={update('gold')}
          sx={{ minWidth: 110 }}
        >
          <MenuItem value="">–</MenuItem>
          <MenuItem value="yes">{translate(t('yes'))}</MenuItem>
          <MenuItem value="no">{translate(t('no'))}</MenuItem>
        </TextField>
        <FormControlLabel
          control={<Checkbox checked={filter.disagreement} onChange={update('disagreement')} />}
          label={translate(t('disagreement'))}
        />
        <FormControlLabel
          control={<Checkbox checked={filter.flagged} onChange={update('flagged')} />}
          label={translate(t('flagged'))}
        />
      </Stack>
      <Paper variant="outlined" sx={{ p: 1 }}>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
          <Typography variant="body2" sx={{ mx: 1 }}>
            {translate(t('selected'), { count: chosen.length })}
          </Typography>
          {(['delete_unlabelled', 'set_gold', 'unset_gold', 're_queue', 'delete'] as const).map((action) => (
            <Button
              key={action}
              size="small"
              variant="outlined"
              color={action === 'delete' ? 'error' : 'primary'}
              disabled={busy || chosen.length === 0}
              onClick={() => void run(action)}
              data-testid={`bulk-${action}`}
            >
              {translate(`${t('actions')}.${action}`)}
            </Button>
          ))}
        </Stack>
      </Paper>
      {busy && <LinearProgress />}
      {error && <Alert severity="error">{error}</Alert>}
      {data && data.rows.length === 0 && (
        <Alert severity="info">{translate(data.projectItems === 0 ? t('none') : t('none_match'))}</Alert>
      )}
      {data && data.rows.length > 0 && (
        <Paper variant="outlined">
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={allChosen}
                    onChange={() => setSelected(allChosen ? new Set() : new Set(data.rows.map((row) => row.id)))}
                    inputProps={{ 'aria-label': translate(t('select_all')) }}
                  />
                </TableCell>
                {['item', 'prompt', 'language', 'status', 'labels', 'flags'].map((key) => (
                  <TableCell key={key}>{translate(t(key))}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.rows.map((row) => (
                <TableRow key={row.id} hover selected={selected.has(row.id)} data-item={row.externalId}>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={selected.has(row.id)}
                      onChange={() =>
                        setSelected((current) => {
                          const next = new Set(current);
                          if (next.has(row.id)) next.delete(row.id);
                          else next.add(row.id);
                          return next;
                        })
                      }
                      inputProps={{ 'aria-label': row.externalId }}
                    />
                  </TableCell>
                  <TableCell>
                    <Button size="small" component={Link} to={`/review/${row.id}`} sx={{ textTransform: 'none' }}>
                      {row.externalId}
                    </Button>
                    {row.isGold && <Chip size="small" color="warning" label={translate(t('gold'))} sx={{ ml: 0.5 }} />}
                    {row.adjudicated && (
                      <Chip size="small" variant="outlined" label={translate(t('ruled'))} sx={{ ml: 0.5 }} />
                    )}
                  </TableCell>
                  <TableCell
                    dir="auto"
                    sx={{ maxWidth: 420, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                    title={row.promptExcerpt}
                  >
                    {row.promptExcerpt}
                  </TableCell>
                  <TableCell>
                    {row.language}
                    {row.specialty ? ` · ${row.specialty}` : ''}
                  </TableCell>
                  <TableCell>{translate(`${t('statuses')}.${row.status}`, { _: row.status })}</TableCell>
                  <TableCell>{row.labels}</TableCell>
                  <TableCell>
                    {row.flags.map((flag) => (
                      <Chip
                        key={flag}
                        size="small"
                        color="error"
                        variant="outlined"
                        label={translate(`clinrank.ws.flags.${flag}`, { _: flag })}
                        sx={{ mr: 0.5 }}
                      />
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={data.total}
            page={page}
            rowsPerPage={perPage}
            rowsPerPageOptions={[25, 50, 100, 250]}
            onPageChange={(_, next) => setPage(next)}
            onRowsPerPageChange={(event) => {
              setPerPage(Number(event.target.value));
              setPage(0);
            }}
          />
        </Paper>
      )}
      <Dialog open={confirming !== null} onClose={() => setConfirming(null)}>
        <DialogTitle>{translate(t('confirm_title'))}</DialogTitle>
        <DialogContent>
          <Box data-testid="confirm-delete">
            {translate(t('confirm_text'), {
              items: chosen.filter((row) => row.labels > 0).length,
              labels: confirming?.labels ?? 0,
            })}
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(null)}>{translate('ra.action.cancel')}</Button>
          <Button
            color="error"
            variant="contained"
            onClick={() => void run('delete', true)}
            data-testid="confirm-delete-button"
          >
            {translate(t('confirm_button'))}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
