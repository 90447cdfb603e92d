import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@clinrank/domain';

export type UserKind = 'human' | 'external' | 'judge';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  username: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text')
  role: Role;

  @Column('text')
  kind: UserKind;

  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  @Column('text', { array: true })
  languages: string[];

  @Column('text', { array: true })
  specialties: string[];

  @Column({ type: 'text', insert: false, update: false })
  pseudonym: string;

  @Column('boolean')
  active: boolean;

  @Column('boolean', { name: 'is_demo' })
  isDemo: boolean;

  /** Bumped by a password reset, a deactivation or a role change; tokens carrying an older version are refused. */
  @Column({ type: 'integer', name: 'token_version', insert: false, update: false })
  tokenVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
