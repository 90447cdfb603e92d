import { Injectable } from '@nestjs/common';
import { ProgressRepository } from './progress.repository.js';

export interface AnnotatorCounts {
  annotatorId: string;
  username: string;
  kind: string;
  labels: number;
  skipped: number;
  labelsToday: number;
  medianTimeMs: number | null;
  lastLabelAt: Date | null;
}

export interface ProjectProgress {
  items: number;
  responses: number;
  labels: number;
  completeItems: number;
  inProgressItems: number;
  pendingItems: number;
  activeLeases: number;
  annotators: AnnotatorCounts[];
  perDay: { day: string; annotatorId: string; username: string; labels: number }[];
}

/** Counts for dashboards, the CLI's `stats`, and an annotator's own progress bar. */
@Injectable()
export class ProgressService {
  constructor(private readonly repository: ProgressRepository) {}

  /** The project's counts; "today" and the per-day buckets follow `timeZone` (the database's when null). */
  async projectProgress(projectId: string, days = 30, timeZone: string | null = null): Promise<ProjectProgress> {
    const totals = await this.repository.projectTotals(projectId);
    const annotators = await this.repository.annotatorCounts(projectId, timeZone);
    const perDay = await this.repository.labelsPerDay(projectId, days, timeZone);
    const items = Number(totals.items);
    return {
      items,
      responses: Number(totals.responses),
      labels: Number(totals.labels),
      completeItems: Number(totals.complete),
      inProgressItems: Number(totals.in_progress),
      pendingItems: items - Number(totals.complete) - Number(totals.in_progress),
      activeLeases: Number(totals.leases),
      annotators: annotators.map((row) => ({
        annotatorId: row.id,
        username: row.username,
        kind: row.kind,
        labels: Number(row.labels),
        skipped: Number(row.skipped),
        labelsToday: Number(row.today),
        medianTimeMs: row.median_ms === null ? null : Number(row.median_ms),
        lastLabelAt: row.last_at,
      })),
      perDay: perDay.map((row) => ({
        day: row.day,
        annotatorId: row.id,
        username: row.username,
        labels: Number(row.labels),
      })),
    };
  }

  /** Done today (from midnight in `timeZone`, or in the database's zone when null), done in all, and open slots. */
  async annotatorProgress(
    annotatorId: string,
    projectId: string | null,
    timeZone: string | null = null,
  ): Promise<{ doneToday: number; doneTotal: number; remaining: number }> {
    const row = await this.repository.annotatorDone(annotatorId, projectId, timeZone);
    const remaining = await this.repository.openSlots(projectId);
    return { doneToday: Number(row.today), doneTotal: Number(row.total), remaining: Number(remaining) };
  }
}
