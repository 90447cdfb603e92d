import { scorePredictions, type CorpusScores } from './score-predictions.js';
import { fixed, tableCsv, tableMarkdown, type Table } from './report-format.js';

/** One model's answer to an item, with the item's reference answers. */
export interface ModelAnswer {
  model: string;
  responseId: string;
  language: string;
  text: string;
  references: string[];
}

/** Corpus scores of one model's answers, fractions 0..1 (see scorePredictions). */
export type ModelMetricsRow = Omit<CorpusScores, 'items'> & {
  model: string;
  answers: number;
};

/** The reference answers of an item: items.reference and any strings in metadata.references, without repeats. */
export function referencesOf(reference: string | null, metadata: Record<string, unknown> | null | undefined): string[] {
  const listed = Array.isArray(metadata?.references) ? metadata.references : [];
  const all = [reference, ...listed].filter((text): text is string => typeof text === 'string' && text.trim() !== '');
  return [...new Set(all)];
}

/** BLEU-1..4, GLEU and ROUGE-1/2/L of each model over the items it answered that have references; models in name order. */
export function modelMetrics(answers: readonly ModelAnswer[]): ModelMetricsRow[] {
  const scorable = answers.filter((answer) => answer.references.length > 0);
  const models = [...new Set(scorable.map((answer) => answer.model))].sort();
  return models.map((model) => {
    const own = scorable.filter((answer) => answer.model === model);
    const { items: _items, ...scores } = scorePredictions(
      own.map((answer) => ({
        id: answer.responseId,
        language: answer.language,
        prediction: answer.text,
        references: answer.references,
      })),
    );
    return { model, answers: own.length, ...scores };
  });
}

/** Languages of the answers that have references, sorted: the ones the metrics can be broken down to. */
export function scorableLanguages(answers: readonly ModelAnswer[]): string[] {
  return [...new Set(answers.filter((answer) => answer.references.length > 0).map((answer) => answer.language))].sort();
}

const METRIC_COLUMNS: Array<[string, keyof ModelMetricsRow]> = [
  ['BLEU-1', 'bleu1'],
  ['BLEU-2', 'bleu2'],
  ['BLEU-3', 'bleu3'],
  ['BLEU-4', 'bleu4'],
  ['GLEU', 'gleu'],
  ['ROUGE-1', 'rouge1'],
  ['ROUGE-2', 'rouge2'],
  ['ROUGE-L', 'rougeL'],
];

function metricsTable(rows: readonly ModelMetricsRow[]): Table {
  return {
    columns: ['Model', 'Answers', ...METRIC_COLUMNS.map(([title]) => title)],
    rows: rows.map((row) => [
      row.model,
      String(row.answers),
      ...METRIC_COLUMNS.map(([, key]) => fixed((row[key] as number) * 100, 2)),
    ]),
  };
}

/** Models as rows, metrics as columns, scores ×100 with two decimals as papers print them. */
export function modelMetricsCsv(rows: readonly ModelMetricsRow[]): string {
  return tableCsv(metricsTable(rows));
}

/** The same table in Markdown. */
export function modelMetricsMarkdown(rows: readonly ModelMetricsRow[]): string {
  return tableMarkdown(metricsTable(rows));
}
