import { cohenKappaPairs, fleissKappa } from './kappa.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { type Id, type LabelValue, type MeasurementLevel, requireLevel } from './labels.js';
import { atLine, lineError, linesOf, parseJsonLine, requireFields } from './jsonl.js';
import { percentAgreement } from './percent-agreement.js';
import { ReliabilityData } from './reliability-data.js';

/** Pairs of coders sharing fewer units are left out of the report's Cohen's kappa table. */
export const REPORT_MIN_SHARED_UNITS = 10;

/** What `clinrank agreement` prints for `{unit, coder, value}` lines. */
export interface AgreementReport {
  alpha: number | null;
  percentAgreement: number | null;
  fleissKappa: number | null;
  cohenKappa: Record<string, { n: number; kappa: number | null; reason?: string }>;
  units: number;
  coders: number;
  /** Present only when a statistic is null: why. */
  reasons?: Partial<Record<'alpha' | 'percentAgreement' | 'fleissKappa', string>>;
}

export interface AgreementReportOptions {
  level: MeasurementLevel;
  /** Ordinal only: the values from lowest to highest, when they are not numbers. */
  order?: readonly LabelValue[];
}

/** Reads `{unit, coder, value}` JSON lines (value null = missing) into the agreement report at the given level. */
export function agreementFromJsonLines(
  input: string | Iterable<string>,
  options: AgreementReportOptions,
): AgreementReport {
  requireLevel(options.level);
  const reader = new LabelLineReader();
  for (const text of linesOf(input)) reader.read(text);
  return reader.report(options);
}

/** Same as agreementFromJsonLines, for a stream of lines (e.g. readline over stdin). */
export async function agreementFromJsonLinesAsync(
  lines: AsyncIterable<string>,
  options: AgreementReportOptions,
): Promise<AgreementReport> {
  requireLevel(options.level);
  const reader = new LabelLineReader();
  for await (const text of lines) reader.read(text);
  return reader.report(options);
}

class LabelLineReader {
  private readonly data = new ReliabilityData();
  private lineOfLabel = new Int32Array(1024);
  private line = 0;

  read(text: string): void {
    const line = ++this.line;
    const record = parseJsonLine(text, line);
    if (record === null) return;
    const before = this.data.labelCount;
    atLine(line, () => {
      requireFields(record, ['unit', 'coder', 'value']);
      this.data.add(record.unit as Id, record.coder as Id, record.value as LabelValue | null);
    });
    if (this.data.labelCount > before) this.rememberLine(before, line);
  }

  report(options: AgreementReportOptions): AgreementReport {
    const repeat = this.data.repeatedLabel();
    if (repeat !== null) {
      const first = this.lineOfLabel[repeat.first];
      throw lineError(
        this.lineOfLabel[repeat.second],
        `coder ${JSON.stringify(repeat.coder)} already labelled unit ${JSON.stringify(repeat.unit)} on line ${first}`,
        'coder',
      );
    }
    const alpha = krippendorffAlpha(this.data, { level: options.level, order: options.order });
    const agreement = percentAgreement(this.data);
    const fleiss = fleissKappa(this.data);
    const reasons: AgreementReport['reasons'] = {};
    if (alpha.reason) reasons.alpha = alpha.reason;
    if (agreement.reason) reasons.percentAgreement = agreement.reason;
    if (fleiss.reason) reasons.fleissKappa = fleiss.reason;
    return {
      alpha: alpha.alpha,
      percentAgreement: agreement.agreement,
      fleissKappa: fleiss.kappa,
      cohenKappa: cohenKappaPairs(this.data, { minShared: REPORT_MIN_SHARED_UNITS }),
      units: this.data.unitCount,
      coders: this.data.coderCount,
      ...(Object.keys(reasons).length > 0 ? { reasons } : {}),
    };
  }

  private rememberLine(label: number, line: number): void {
    if (label === this.lineOfLabel.length) {
      const grown = new Int32Array(this.lineOfLabel.length * 2);
      grown.set(this.lineOfLabel);
      this.lineOfLabel = grown;
    }
    this.lineOfLabel[label] = line;
  }
}
