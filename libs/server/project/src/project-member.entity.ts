import { Column, Entity } from 'typeorm';

@Entity({ name: 'project_members' })
export class ProjectMemberEntity {
  @Column('uuid', { primary: true, name: 'project_id' }) projectId: string;
  @Column('uuid', { primary: true, name: 'user_id' }) userId: string;
  @Column('text') status: 'member' | 'removed';
  @Column('int', { nullable: true }) quota: number | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
