import type { ColumnKind, ColumnSpec } from './formats.js';
import type { SinkFile } from './sinks.js';
import type { ExportRecord } from './types.js';

/** Buffers records into row groups and streams each finished group to the sink file (which the caller closes). */
export interface ParquetSplitWriter {
  add(record: ExportRecord): Promise<void>;
  close(): Promise<void>;
}

type SchemaElement = Record<string, unknown>;

const CREATED_BY = 'clinrank preference-export';

const utf8 = { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' };

/** Parquet schema elements for one column: scalars directly, lists as the standard 3-level LIST group. */
export function schemaElements(column: ColumnSpec): SchemaElement[] {
  const repetition_type = column.optional ? 'OPTIONAL' : 'REQUIRED';
  const list = (element: SchemaElement[], children = 1): SchemaElement[] => [
    { name: column.name, repetition_type, num_children: 1, converted_type: 'LIST' },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    ...(children === 1
      ? element
      : [{ name: 'element', repetition_type: 'REQUIRED', num_children: children }, ...element]),
  ];
  const scalar: Record<Exclude<ColumnKind, 'strings' | 'groups' | 'messages' | 'scores'>, SchemaElement> = {
    string: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
    json: { type: 'BYTE_ARRAY', converted_type: 'JSON' },
    double: { type: 'DOUBLE' },
    int: { type: 'INT32' },
    boolean: { type: 'BOOLEAN' },
  };
  switch (column.kind) {
    case 'strings':
      return list([{ name: 'element', ...utf8 }]);
    case 'groups':
      // A ranking's tie groups: always a list of lists in Parquet (a bare index becomes a group of one).
      return list([
        { name: 'element', repetition_type: 'REQUIRED', num_children: 1, converted_type: 'LIST' },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'INT32', repetition_type: 'REQUIRED' },
      ]);
    case 'messages':
      return list(
        [
          { name: 'role', ...utf8 },
          { name: 'content', ...utf8 },
        ],
        2,
      );
    case 'scores':
      return list(
        [
          { name: 'responseId', ...utf8 },
          { name: 'value', type: 'DOUBLE', repetition_type: 'REQUIRED' },
        ],
        2,
      );
    default:
      return [{ name: column.name, ...scalar[column.kind], repetition_type }];
  }
}

/** Opens a Parquet writer (hyparquet-writer) over a sink file; memory is bounded by one row group. */
export async function openParquetWriter(
  file: SinkFile,
  columns: ColumnSpec[],
  rowGroupSize: number,
): Promise<ParquetSplitWriter> {
  const { ByteWriter, ParquetWriter } = await import('hyparquet-writer');
  const writer: InstanceType<typeof ByteWriter> & { flush?: () => Promise<void> } = new ByteWriter();
  let pending: Promise<void> = Promise.resolve();
  // Move whatever the encoder produced to the sink and reuse the buffer; `offset` keeps counting for the footer.
  const drain = async () => {
    const bytes = Uint8Array.from(new Uint8Array(writer.buffer, 0, writer.index));
    writer.index = 0;
    if (bytes.byteLength > 0) await file.write(bytes);
  };
  writer.flush = () => (pending = pending.then(drain));
  writer.finish = () => (pending = pending.then(drain));
  const schema = [{ name: 'root', num_children: columns.length }, ...columns.flatMap(schemaElements)];
  const parquet = new ParquetWriter({ writer, schema: schema as never, createdBy: CREATED_BY });
  let rows: ExportRecord[] = [];
  const writeGroup = async () => {
    if (rows.length === 0) return;
    const columnData = columns.map((column) => ({
      name: column.name,
      data: rows.map((row) => columnValue(column, row[column.name])),
    }));
    rows = [];
    await parquet.write({ columnData, rowGroupSize: Number.MAX_SAFE_INTEGER });
  };
  return {
    async add(record) {
      rows.push(record);
      if (rows.length >= rowGroupSize) await writeGroup();
    },
    async close() {
      await writeGroup();
      await parquet.finish();
      await pending;
    },
  };
}

function columnValue(column: ColumnSpec, value: unknown): unknown {
  if (column.kind === 'groups' && Array.isArray(value))
    return value.map((group) => (Array.isArray(group) ? group : [group]));
  return value ?? null;
}
