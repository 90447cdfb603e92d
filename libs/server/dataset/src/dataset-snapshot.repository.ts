import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { defineSql } from '@clinrank/server-core';

/** A snapshot as the dataset feature hands it out (manifest and request as stored). */
export interface SnapshotRecord {
  id: string;
  projectId: string | null;
  name: string | null;
  status: 'ready' | 'failed';
  request: Record<string, unknown>;
  manifest: Record<string, unknown>;
  directory: string;
  createdBy: string | null;
  createdAt: Date;
}

/** A ready snapshot with its project's name, for pickers outside the dataset feature. */
export interface ReadySnapshot {
  id: string;
  name: string | null;
  projectId: string | null;
  projectName: string | null;
  projectSlug: string | null;
  createdAt: Date;
  manifest: unknown;
}

export interface NewSnapshot {
  id: string;
  projectId: string;
  name: string | null;
  request: unknown;
  manifest: unknown;
  directory: string;
  createdBy: string;
}

const INSERT_SNAPSHOT = defineSql(
  'dataset.insert-snapshot',
  `
  INSERT INTO dataset_snapshots (id, project_id, name, request, manifest, directory, status, created_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  RETURNING id, project_id AS "projectId", name, status, request, manifest, directory, created_by AS "createdBy", created_at AS "createdAt"`,
);
const SNAPSHOTS_OF_PROJECT = defineSql(
  'dataset.snapshots-of-project',
  `
  SELECT id, project_id AS "projectId", name, status, request, manifest, directory, created_by AS "createdBy", created_at AS "createdAt"
    FROM dataset_snapshots WHERE project_id = $1 ORDER BY created_at DESC, id`,
);
const SNAPSHOT_BY_ID = defineSql(
  'dataset.snapshot-by-id',
  `
  SELECT id, project_id AS "projectId", name, status, request, manifest, directory, created_by AS "createdBy", created_at AS "createdAt"
    FROM dataset_snapshots WHERE id = $1`,
);
const READY_SNAPSHOTS = defineSql(
  'dataset.ready-snapshots',
  `
  SELECT s.id, s.name, s.project_id AS "projectId", p.name AS "projectName", p.slug AS "projectSlug", s.created_at AS "createdAt", s.manifest
    FROM dataset_snapshots s LEFT JOIN projects p ON p.id = s.project_id
   WHERE s.status = 'ready' ORDER BY s.created_at DESC LIMIT $1`,
);

/** dataset_snapshots: the registry of exports. Exported from the feature's index for training, which reads snapshots. */
@Injectable()
export class DatasetSnapshotRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Registers a snapshot inside the caller's transaction (with its audit row); returns the stored row. */
  async insert(manager: EntityManager, snapshot: NewSnapshot, status: 'ready' | 'failed'): Promise<SnapshotRecord> {
    const [row]: SnapshotRecord[] = await manager.query(INSERT_SNAPSHOT.text, [
      snapshot.id,
      snapshot.projectId,
      snapshot.name,
      JSON.stringify(snapshot.request),
      JSON.stringify(snapshot.manifest),
      snapshot.directory,
      status,
      snapshot.createdBy,
    ]);
    return row;
  }

  /** A project's snapshots, newest first. */
  listByProject(projectId: string): Promise<SnapshotRecord[]> {
    return this.dataSource.query(SNAPSHOTS_OF_PROJECT.text, [projectId]);
  }

  /** One snapshot, or null. `id` must be a UUID (PostgreSQL refuses anything else). */
  async findById(id: string): Promise<SnapshotRecord | null> {
    const [row]: SnapshotRecord[] = await this.dataSource.query(SNAPSHOT_BY_ID.text, [id]);
    return row ?? null;
  }

  /** Ready snapshots, newest first, with their project. */
  listReady(limit: number): Promise<ReadySnapshot[]> {
    return this.dataSource.query(READY_SNAPSHOTS.text, [limit]);
  }
}
