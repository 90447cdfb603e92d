import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Records the UI direction a label was made in: in a right-to-left UI, answer A sits on the right. */
export class LabelScreenSide1763900000500 implements MigrationInterface {
  name = 'LabelScreenSide1763900000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE labels ADD COLUMN ui_direction text CHECK (ui_direction IN ('ltr', 'rtl'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE labels DROP COLUMN ui_direction`);
  }
}
