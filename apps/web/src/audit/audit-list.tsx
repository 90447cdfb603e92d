import DownloadIcon from '@mui/icons-material/Download';
import { Box, Button, Tooltip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  DataTable,
  DateField,
  DateInput,
  FilterButton,
  FunctionField,
  List,
  ReferenceInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useListContext,
  useNotify,
  useTranslate,
} from 'react-admin';
import { auditFilterVariables, type AuditRecord } from '../providers/data-provider.js';
import { graphql } from '../gql/index.js';
import { gqlMutate, gqlQuery } from '../providers/graphql-client.js';

const f = (name: string) => `clinrank.audit.${name}`;
const FACETS = graphql(`
  query AuditFacets {
    auditFacets {
      actions
      entityTypes
    }
  }
`);
const EXPORT = graphql(`
  mutation ExportAuditLog(
    $actor: String
    $action: String
    $entityType: String
    $projectId: String
    $from: DateTime
    $to: DateTime
  ) {
    exportAuditLog(
      actor: $actor
      action: $action
      entityType: $entityType
      projectId: $projectId
      from: $from
      to: $to
    ) {
      csv
      rows
      total
      truncated
    }
  }
`);

function useFacets(): { actions: string[]; entityTypes: string[] } {
  const [facets, setFacets] = useState({ actions: [] as string[], entityTypes: [] as string[] });
  useEffect(() => {
    gqlQuery(FACETS).then(
      (data) => setFacets(data.auditFacets),
      () => undefined,
    );
  }, []);
  return facets;
}

/** Downloads the filtered log as CSV from the API, which caps and audits the export. */
function ExportCsvButton() {
  const translate = useTranslate();
  const notify = useNotify();
  const { filterValues } = useListContext();
  const download = async () => {
    try {
      const { exportAuditLog } = await gqlMutate(EXPORT, auditFilterVariables(filterValues));
      const url = URL.createObjectURL(new Blob([exportAuditLog.csv], { type: 'text/csv;charset=utf-8' }));
      const link = Object.assign(document.createElement('a'), {
        href: url,
        download: `audit-log-${new Date().toISOString().slice(0, 10)}.csv`,
      });
      link.click();
      URL.revokeObjectURL(url);
      if (exportAuditLog.truncated)
        notify(f('export_truncated'), {
          type: 'warning',
          messageArgs: { rows: exportAuditLog.rows, total: exportAuditLog.total },
        });
    } catch (caught) {
      notify((caught as Error).message, { type: 'error' });
    }
  };
  return (
    <Button size="small" startIcon={<DownloadIcon />} onClick={() => void download()} data-testid="audit-export">
      {translate(f('export_csv'))}
    </Button>
  );
}

function Actor({ record }: { record: AuditRecord }) {
  return (
    <Box>
      <Typography variant="body2">{record.actorName ?? record.actor}</Typography>
      {record.actorName && (
        <Typography variant="caption" color="text.secondary">
          {record.actor}
        </Typography>
      )}
    </Box>
  );
}

function AuditObject({ record }: { record: AuditRecord }) {
  const translate = useTranslate();
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {translate(`${f('types')}.${record.entityType}`, { _: record.entityType })}
      </Typography>
      <Typography variant="body2" dir="auto" title={record.entityId ?? ''}>
        {record.entityName ?? record.entityId?.slice(0, 8) ?? '–'}
      </Typography>
    </Box>
  );
}

function Changes({ record }: { record: AuditRecord }) {
  const details = record.details ? JSON.stringify(record.details, null, 1) : '';
  const text = record.summary || (details.length > 160 ? `${details.slice(0, 160)}…` : details);
  return (
    <Tooltip
      title={
        details ? (
          <Box component="pre" sx={{ m: 0, fontSize: 11, maxHeight: 300, overflow: 'auto' }}>
            {details}
          </Box>
        ) : (
          ''
        )
      }
    >
      <Typography variant="body2" sx={{ maxWidth: 560, wordBreak: 'break-word' }} dir="auto">
        {text || '–'}
      </Typography>
    </Tooltip>
  );
}

/** Who did what to which object, and what changed, newest first; filterable and exportable as CSV. */
export default function AuditList() {
  const { actions, entityTypes } = useFacets();
  const translate = useTranslate();
  const filters = [
    <TextInput key="actor" source="actor" label={f('actor')} alwaysOn />,
    <SelectInput
      key="action"
      source="action"
      label={f('action')}
      choices={actions.map((action) => ({ id: action, name: action }))}
      alwaysOn
    />,
    <SelectInput
      key="entityType"
      source="entityType"
      label={f('entityType')}
      choices={entityTypes.map((type) => ({ id: type, name: translate(`${f('types')}.${type}`, { _: type }) }))}
      alwaysOn
    />,
    <DateInput key="from" source="from" label={f('from')} alwaysOn />,
    <DateInput key="to" source="to" label={f('to')} alwaysOn />,
    <ReferenceInput key="projectId" source="projectId" reference="projects">
      <SelectInput optionText="name" label="clinrank.menu.projects" />
    </ReferenceInput>,
  ];
  return (
    <List
      filters={filters}
      perPage={50}
      sort={{ field: 'at', order: 'DESC' }}
      exporter={false}
      title={f('title')}
      actions={
        <TopToolbar>
          <FilterButton />
          <ExportCsvButton />
        </TopToolbar>
      }
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="at" label={f('at')} disableSort>
          <DateField source="at" showTime />
        </DataTable.Col>
        <DataTable.Col source="actor" label={f('actor')} disableSort>
          <FunctionField render={(record: AuditRecord) => <Actor record={record} />} />
        </DataTable.Col>
        <DataTable.Col source="action" label={f('action')} disableSort />
        <DataTable.Col source="entityName" label={f('object')} disableSort>
          <FunctionField render={(record: AuditRecord) => <AuditObject record={record} />} />
        </DataTable.Col>
        <DataTable.Col source="projectName" label="clinrank.menu.projects" disableSort />
        <DataTable.Col source="summary" label={f('changes')} disableSort>
          <FunctionField render={(record: AuditRecord) => <Changes record={record} />} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
