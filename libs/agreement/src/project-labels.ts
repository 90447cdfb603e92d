import type { LabelContent, TaskKind } from '@clinrank/domain';

/** One stored label, reduced to what the analytics read. `coder` is the annotator's username. */
export interface LoadedLabel {
  item: string;
  /** A short key of the item, unique within one load: reliability units are named by it (shorter keys intern faster). */
  itemKey: string;
  coder: string;
  content: LabelContent;
  /** label.display_order[0]: the response shown first (left pane). */
  shownFirst: string | null;
  timeSpentMs: number;
  /** Labels typed in the UI carry a real time; imported ones do not. */
  timed: boolean;
  /** created_at, epoch milliseconds. */
  at: number;
  /** Pairwise only: the item positions of responses a and b, which order each pair the same way for everyone. */
  positions: [number, number] | null;
}

export interface GoldAnswer {
  criterion: string;
  preferred: string;
}

/** A project's labels as the agreement analytics read them, loaded by the server. */
export interface ProjectLabels {
  projectId: string;
  kind: TaskKind;
  criteria: string[];
  scale: { min: number; max: number };
  labels: LoadedLabel[];
  /** username → annotator id. */
  annotatorIds: Map<string, string>;
  /** item id → gold answer, for gold items. */
  gold: Map<string, GoldAnswer>;
}
