import { DomainError, ErrorCode } from '@clinrank/domain';
import { aggregateVotes, tallyPairs } from './aggregate.js';
import { filterItem } from './filters.js';
import { formatColumns, formatRecords, isPairFormat } from './formats.js';
import type { ItemContext } from './item-context.js';
import { openParquetWriter, type ParquetSplitWriter } from './parquet.js';
import { promptTurns } from './prompt.js';
import { SPLIT_NAMES, type ExportRequest, type SplitName } from './request.js';
import { DigestingFile, type ExportSink } from './sinks.js';
import { assignSplit, stratumOf } from './split.js';
import { StatsCollector, type ExportStats, type FileDigest } from './stats.js';
import type { ExportItem, ExportRecord } from './types.js';
import { collectVotes, compareIds } from './votes.js';

interface SplitOutput {
  jsonl: DigestingFile;
  parquetFile: DigestingFile | null;
  parquet: ParquetSplitWriter | null;
}

const encoder = new TextEncoder();

/**
 * Streams items (ascending id order, each with all its labels) through filters, aggregation and the format writer into
 * train/validation/test files of the sink, one item in memory at a time; returns counts and the files' SHA-256.
 */
export async function exportSnapshot(items: AsyncIterable<ExportItem> | Iterable<ExportItem>, request: ExportRequest, sink: ExportSink): Promise<ExportStats> {
  const outputs = await openOutputs(request, sink);
  const stats = new StatsCollector();
  let previousId: string | null = null;
  for await (const item of items) {
    if (previousId !== null && compareIds(previousId, item.id) >= 0) {
      throw new DomainError(ErrorCode.BadUserInput, `items must arrive in strictly ascending id order, got "${item.id}" after "${previousId}"`, 'items');
    }
    previousId = item.id;
    stats.seen();
    await exportItem(item, request, outputs, stats);
  }
  return stats.result(await closeOutputs(outputs));
}

/** Filters, aggregates and formats one item into records (exported for previews and tests). */
export function itemRecords(item: ExportItem, request: ExportRequest) {
  const filtered = filterItem(item, request);
  if (filtered.excluded !== null) return { excluded: filtered.excluded, records: [] as ExportRecord[], context: null, tallies: [] };
  const labels = [...filtered.labels].sort((x, y) => compareIds(x.id, y.id));
  // Votes are collected for every format so the agreement summary is the same whatever is written.
  const votes = collectVotes(item, labels, filtered.responses, request);
  const context: ItemContext = {
    item,
    request,
    turns: promptTurns(item),
    responses: filtered.responses,
    labels,
    pairs: isPairFormat(request.format) ? aggregateVotes(item.id, votes, request) : [],
  };
  const records = formatRecords(context);
  return { excluded: records.length === 0 ? ('no-records' as const) : null, records, context, tallies: tallyPairs(votes) };
}

async function exportItem(item: ExportItem, request: ExportRequest, outputs: Record<SplitName, SplitOutput>, stats: StatsCollector): Promise<void> {
  const { excluded, records, context, tallies } = itemRecords(item, request);
  if (excluded !== null || context === null) {
    stats.excludedItem(excluded ?? 'no-records');
    return;
  }
  const split = assignSplit(item, request);
  const output = outputs[split];
  for (const record of records) {
    await output.jsonl.write(encoder.encode(`${JSON.stringify(record)}\n`));
    output.jsonl.records++;
    if (output.parquet && output.parquetFile) {
      await output.parquet.add(record);
      output.parquetFile.records++;
    }
  }
  stats.exported(split, stratumOf(item, { stratify: ['language', 'specialty'] }), item.language, records.length, context.labels, tallies);
}

async function openOutputs(request: ExportRequest, sink: ExportSink): Promise<Record<SplitName, SplitOutput>> {
  const outputs = {} as Record<SplitName, SplitOutput>;
  for (const split of SPLIT_NAMES) {
    const jsonl = new DigestingFile(`${split}.jsonl`, await sink.open(`${split}.jsonl`));
    let parquetFile: DigestingFile | null = null;
    let parquet: ParquetSplitWriter | null = null;
    if (request.parquet) {
      parquetFile = new DigestingFile(`${split}.parquet`, await sink.open(`${split}.parquet`));
      parquet = await openParquetWriter(parquetFile, formatColumns(request), request.parquetRowGroupSize);
    }
    outputs[split] = { jsonl, parquetFile, parquet };
  }
  return outputs;
}

async function closeOutputs(outputs: Record<SplitName, SplitOutput>): Promise<FileDigest[]> {
  const digests: FileDigest[] = [];
  for (const split of SPLIT_NAMES) {
    const { jsonl, parquet, parquetFile } = outputs[split];
    digests.push(await jsonl.finish());
    if (parquet && parquetFile) {
      await parquet.close();
      digests.push(await parquetFile.finish());
    }
  }
  return digests.sort((x, y) => compareIds(x.name, y.name));
}
