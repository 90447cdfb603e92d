import { DataTable, DateField, DateTimeInput, FunctionField, List, TextInput } from 'react-admin';

const f = (name: string) => `clinrank.audit.${name}`;
const filters = [
  <TextInput key="actor" source="actor" label={f('actor')} alwaysOn />,
  <TextInput key="action" source="action" label={f('action')} alwaysOn />,
  <TextInput key="entityType" source="entityType" label={f('entityType')} />,
  <TextInput key="projectId" source="projectId" label="clinrank.menu.projects" />,
  <DateTimeInput key="from" source="from" label={f('from')} />,
  <DateTimeInput key="to" source="to" label={f('to')} />,
];

/** Who did what and when, newest first, with filters. */
export default function AuditList() {
  return (
    <List filters={filters} perPage={50} sort={{ field: 'at', order: 'DESC' }} exporter={false}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="at" label={f('at')} disableSort><DateField source="at" showTime /></DataTable.Col>
        <DataTable.Col source="actor" label={f('actor')} disableSort />
        <DataTable.Col source="action" label={f('action')} disableSort />
        <DataTable.Col source="entityType" label={f('entityType')} disableSort />
        <DataTable.Col source="entityId" label={f('entityId')} disableSort>
          <FunctionField render={(record: { entityId?: string | null }) => <span title={record.entityId ?? ''}>{record.entityId?.slice(0, 8) ?? ''}</span>} />
        </DataTable.Col>
        <DataTable.Col label={f('details')} disableSort>
          <FunctionField render={(record: { before?: unknown; after?: unknown; details?: unknown }) => <code style={{ fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', display: 'block', maxWidth: 560 }}>{JSON.stringify(record.after ?? record.details ?? record.before ?? null)?.slice(0, 200)}</code>} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
