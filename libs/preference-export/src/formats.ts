import type { ItemContext } from './item-context.js';
import { rawRecords, sftRecords } from './label-formats.js';
import { ktoRecords } from './kto-format.js';
import { openRlhfRecords, rankingRecords, trlConversationalRecords, trlRecords } from './pair-formats.js';
import type { ExportFormat, ExportRequest } from './request.js';
import type { ExportRecord } from './types.js';

/** Parquet column kinds: scalars, JSON text (metadata), and the nested lists the formats use. */
export type ColumnKind =
  'string' | 'double' | 'int' | 'boolean' | 'json' | 'strings' | 'groups' | 'messages' | 'scores';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  optional: boolean;
}

const WRITERS: Record<ExportFormat, (context: ItemContext) => ExportRecord[]> = {
  trl: trlRecords,
  'trl-conversational': trlConversationalRecords,
  kto: ktoRecords,
  openrlhf: openRlhfRecords,
  ranking: rankingRecords,
  raw: rawRecords,
  sft: sftRecords,
};

/** Whether the format is written from aggregated pairs (and so depends on policy, ties and criterion). */
export function isPairFormat(format: ExportFormat): boolean {
  return format !== 'raw' && format !== 'sft';
}

/** The records one item yields in the request's format. */
export function formatRecords(context: ItemContext): ExportRecord[] {
  return WRITERS[context.request.format](context);
}

const required = (name: string, kind: ColumnKind): ColumnSpec => ({ name, kind, optional: false });
const optional = (name: string, kind: ColumnKind): ColumnSpec => ({ name, kind, optional: true });

/** The columns of a format's records, in record key order (the Parquet schema). */
export function formatColumns(request: ExportRequest): ColumnSpec[] {
  const columns = baseColumns(request);
  const withMargin = ['trl', 'trl-conversational', 'openrlhf'].includes(request.format) && request.margin !== 'none';
  return [
    ...columns,
    ...(withMargin ? [required('margin', 'double')] : []),
    ...(request.metadata ? [required('metadata', 'json')] : []),
  ];
}

function baseColumns(request: ExportRequest): ColumnSpec[] {
  switch (request.format) {
    case 'trl':
      return [required('prompt', 'string'), required('chosen', 'string'), required('rejected', 'string')];
    case 'trl-conversational':
      return [required('prompt', 'messages'), required('chosen', 'messages'), required('rejected', 'messages')];
    case 'openrlhf':
      if (request.chat) return [required(request.chosenKey, 'messages'), required(request.rejectedKey, 'messages')];
      return [
        required(request.promptKey, 'string'),
        required(request.chosenKey, 'string'),
        required(request.rejectedKey, 'string'),
      ];
    case 'kto':
      return [required('prompt', 'string'), required('completion', 'string'), required('label', 'boolean')];
    case 'ranking':
      return [required('prompt', 'string'), required('completions', 'strings'), required('ranking', 'groups')];
    case 'sft':
      return [required('messages', 'messages')];
    case 'raw':
      return RAW_COLUMNS;
  }
}

const RAW_COLUMNS: ColumnSpec[] = [
  required('itemId', 'string'),
  required('labelId', 'string'),
  required('annotatorId', 'string'),
  required('annotatorKind', 'string'),
  required('labelKind', 'string'),
  required('criterion', 'string'),
  optional('choice', 'string'),
  optional('strength', 'string'),
  optional('responseA', 'string'),
  optional('responseB', 'string'),
  optional('chosen', 'string'),
  optional('scores', 'scores'),
  optional('verdict', 'string'),
  optional('responseId', 'string'),
  optional('fixedText', 'string'),
  optional('reasons', 'strings'),
  required('displayOrder', 'strings'),
  optional('timeSpentMs', 'double'),
  required('guidelineVersion', 'int'),
  required('flags', 'strings'),
  required('createdAt', 'string'),
  optional('rationale', 'string'),
  required('adjudication', 'boolean'),
];
