/**
 * Where the keyboard cursor is on the pairwise criteria. After A or B the cursor stays on the row just answered
 * (`awaitingStrength`), so Q/W set that row's strength; the strength key, or the next digit, moves it on.
 */
export interface CriteriaCursor {
  row: number;
  awaitingStrength: boolean;
}

/** A digit (choice index 0–3, where 0/1 are A/B): the row it answers and where the cursor goes next. */
export function cursorAfterChoice(
  cursor: CriteriaCursor,
  rows: number,
  choiceIndex: number,
): { answered: number; next: CriteriaCursor } {
  const answered = cursor.awaitingStrength ? Math.min(rows - 1, cursor.row + 1) : cursor.row;
  const canHaveStrength = choiceIndex === 0 || choiceIndex === 1;
  const next = canHaveStrength
    ? { row: answered, awaitingStrength: true }
    : { row: Math.min(rows - 1, answered + 1), awaitingStrength: false };
  return { answered, next };
}

/** Q or W: the row whose strength it sets (the one just answered, or the focused one) and where the cursor goes next. */
export function cursorAfterStrength(cursor: CriteriaCursor, rows: number): { answered: number; next: CriteriaCursor } {
  if (!cursor.awaitingStrength) return { answered: cursor.row, next: cursor };
  return { answered: cursor.row, next: { row: Math.min(rows - 1, cursor.row + 1), awaitingStrength: false } };
}
