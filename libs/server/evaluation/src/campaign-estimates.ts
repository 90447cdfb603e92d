import type { ModelEstimate } from '@clinrank/eval-metrics';

/**
 * How long one process serves a campaign's estimates from memory before it checks the label stamp again (in the
 * background; the queue never waits for a refit once it has estimates). Like the simulator's batches, the pairs are
 * chosen from a fit a few labels old; a Bradley–Terry refit per lease would cost a label load and a bootstrap each time.
 */
export const ESTIMATES_REFRESH_MS = 10_000;

interface Entry {
  estimates: ModelEstimate[];
  checkedAt: number;
  refreshing: boolean;
}

/**
 * The Bradley–Terry estimates that steer active selection, per campaign, in process memory. The first request of a
 * campaign waits for them (concurrent first requests share one load); later ones get them at once, and a request after
 * `refreshMs` starts one background reload, which itself reads the label-stamped cache and refits only on a new stamp.
 */
export class CampaignEstimatesMemo {
  private readonly entries = new Map<string, Entry>();
  private readonly firstLoads = new Map<string, Promise<ModelEstimate[]>>();

  constructor(
    private readonly load: (projectId: string) => Promise<ModelEstimate[]>,
    private readonly refreshMs: number = ESTIMATES_REFRESH_MS,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async get(projectId: string): Promise<ModelEstimate[]> {
    const entry = this.entries.get(projectId);
    if (!entry) return this.firstLoad(projectId);
    if (!entry.refreshing && Date.now() - entry.checkedAt >= this.refreshMs) {
      entry.refreshing = true;
      this.load(projectId)
        .then((estimates) => this.entries.set(projectId, { estimates, checkedAt: Date.now(), refreshing: false }))
        .catch((error: unknown) => {
          entry.refreshing = false;
          entry.checkedAt = Date.now();
          this.onError(error);
        });
    }
    return entry.estimates;
  }

  /** Drops a campaign's estimates (its plan changed), so the next request loads them afresh. */
  forget(projectId: string): void {
    this.entries.delete(projectId);
  }

  private firstLoad(projectId: string): Promise<ModelEstimate[]> {
    const running = this.firstLoads.get(projectId);
    if (running) return running;
    const started = this.load(projectId)
      .then((estimates) => {
        this.entries.set(projectId, { estimates, checkedAt: Date.now(), refreshing: false });
        return estimates;
      })
      .finally(() => this.firstLoads.delete(projectId));
    this.firstLoads.set(projectId, started);
    return started;
  }
}
