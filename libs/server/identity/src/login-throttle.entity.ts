import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'login_throttle' })
export class LoginThrottleEntity {
  @PrimaryColumn('text') key: string;
  @Column('int') failures: number;
  @Column('timestamptz', { name: 'window_started' }) windowStarted: Date;
}

@Entity({ name: 'login_attempts' })
export class LoginAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text') username: string;
  @Column('text') ip: string;
  @Column('boolean') succeeded: boolean;
  @Column('timestamptz') at: Date;
}
