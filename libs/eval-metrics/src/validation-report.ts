import { krippendorffAlpha, type Label } from '@clinrank/agreement';
import type { ValidationVerdict } from '@clinrank/domain';
import { syntheticValidationStats, type GeneratorValidationStats } from './synthetic-validation.js';
import { percent, tableCsv, tableMarkdown } from './report-format.js';

/** Name used for responses that carry no generator. */
export const NO_GENERATOR = '(none)';

/** One validator's verdict on one candidate. */
export interface ValidationLabel {
  responseId: string;
  generator: string | null;
  annotator: string;
  verdict: ValidationVerdict;
  reasons: string[];
}

/** Krippendorff's alpha (nominal) of the verdicts, with the reason when it is undefined. */
export interface VerdictAgreement {
  alpha: number | null;
  reason: string | null;
  /** Candidates judged by two or more validators. */
  units: number;
  pairableValues: number;
}

export interface GeneratorValidation extends GeneratorValidationStats {
  agreement: VerdictAgreement;
}

export interface ValidationReport {
  generators: GeneratorValidation[];
  overall: VerdictAgreement;
  labels: number;
  csv: string;
  markdown: string;
}

/** Acceptance per generator (Wilson intervals), rejection reasons, and agreement between validators overall and per generator. */
export function buildValidationReport(labels: readonly ValidationLabel[]): ValidationReport {
  const named = labels.map((label) => ({ ...label, generator: label.generator || NO_GENERATOR }));
  const stats = named.length === 0 ? [] : syntheticValidationStats(named);
  const generators = stats.map((entry) => ({
    ...entry,
    agreement: verdictAgreement(named.filter((label) => label.generator === entry.generator)),
  }));
  return {
    generators,
    overall: verdictAgreement(named),
    labels: named.length,
    csv: validationCsv(generators),
    markdown: validationMarkdown(generators),
  };
}

function verdictAgreement(labels: readonly ValidationLabel[]): VerdictAgreement {
  const data: Label[] = labels.map((label) => ({
    unit: label.responseId,
    coder: label.annotator,
    value: label.verdict,
  }));
  const result = krippendorffAlpha(data, { level: 'nominal' });
  return {
    alpha: result.alpha,
    reason: result.reason ?? null,
    units: result.units,
    pairableValues: result.pairableValues,
  };
}

function validationTable(generators: readonly GeneratorValidation[]) {
  return {
    columns: [
      'Generator',
      'n',
      'Accepted',
      'Fixed',
      'Rejected',
      'Acceptance %',
      '95% low',
      '95% high',
      'Strict %',
      'Alpha',
      'Top rejection reasons',
    ],
    rows: generators.map((entry) => [
      entry.generator,
      String(entry.n),
      String(entry.accepts),
      String(entry.fixes),
      String(entry.rejects),
      percent(entry.acceptanceRate),
      percent(entry.acceptanceInterval.low),
      percent(entry.acceptanceInterval.high),
      percent(entry.strictRate),
      entry.agreement.alpha === null ? '' : entry.agreement.alpha.toFixed(3),
      entry.rejectionReasons
        .slice(0, 3)
        .map((reason) => `${reason.reason} (${reason.count})`)
        .join('; '),
    ]),
  };
}

function validationCsv(generators: readonly GeneratorValidation[]): string {
  return tableCsv(validationTable(generators));
}

function validationMarkdown(generators: readonly GeneratorValidation[]): string {
  return tableMarkdown(validationTable(generators));
}
