/** Where an answer sits in a ranking: its group (best first) and its place inside that group. */
function locate(groups: string[][], id: string): { groupIndex: number; inGroup: number } {
  const groupIndex = groups.findIndex((group) => group.includes(id));
  return { groupIndex, inGroup: groupIndex < 0 ? -1 : groups[groupIndex].indexOf(id) };
}

function without(groups: string[][], id: string): string[][] {
  return groups.map((group) => group.filter((other) => other !== id)).filter((group) => group.length > 0);
}

/** The answers in display order, best first. */
export function flatOrder(groups: string[][]): string[] {
  return groups.flat();
}

/** True when the answer is tied with the one displayed just above it. */
export function isTiedWithAbove(groups: string[][], id: string): boolean {
  const { groupIndex, inGroup } = locate(groups, id);
  return groupIndex >= 0 && inGroup > 0;
}

/**
 * Moves an answer one step (−1 up, +1 down). A tied answer first leaves its tie, landing just above or below it;
 * an untied answer swaps places with the neighbouring group.
 */
export function moveStep(groups: string[][], id: string, direction: -1 | 1): string[][] {
  const { groupIndex } = locate(groups, id);
  if (groupIndex < 0) return groups;
  if (groups[groupIndex].length > 1) {
    const rest = groups.map((group) => group.filter((other) => other !== id));
    rest.splice(direction < 0 ? groupIndex : groupIndex + 1, 0, [id]);
    return rest;
  }
  const target = groupIndex + direction;
  if (target < 0 || target >= groups.length) return groups;
  const next = [...groups];
  [next[groupIndex], next[target]] = [next[target], next[groupIndex]];
  return next;
}

/** Drops an answer onto another one's place (drag and drop): it becomes its own group there. */
export function moveOnto(groups: string[][], id: string, targetId: string): string[][] {
  if (id === targetId) return groups;
  const movingDown = flatOrder(groups).indexOf(id) < flatOrder(groups).indexOf(targetId);
  const rest = without(groups, id);
  const { groupIndex } = locate(rest, targetId);
  rest.splice(movingDown ? groupIndex + 1 : groupIndex, 0, [id]);
  return rest;
}

/** Ties an answer with the one above it, or unties it. */
export function toggleTie(groups: string[][], id: string): string[][] {
  const { groupIndex, inGroup } = locate(groups, id);
  if (groupIndex < 0) return groups;
  if (inGroup > 0) {
    const next = groups.map((group) => [...group]);
    const split = next[groupIndex].splice(inGroup);
    next.splice(groupIndex + 1, 0, split);
    return next;
  }
  if (groupIndex === 0) return groups;
  const next = groups.map((group) => [...group]);
  next[groupIndex - 1].push(...next[groupIndex]);
  next.splice(groupIndex, 1);
  return next;
}
