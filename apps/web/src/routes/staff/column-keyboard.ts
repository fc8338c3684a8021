import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

const STEP: Record<string, 1 | -1> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * Keyboard dragging between board columns: an arrow key carries the card to the next column that
 * takes it, in reading order (side by side on a wide screen, stacked on a phone). dnd-kit's own
 * getter moves 25 px a press, which takes many presses and lands between columns.
 */
export const columnKeyboard: KeyboardCoordinateGetter = (event, { context }) => {
  const step = STEP[event.code];
  const here = context.collisionRect;
  if (!step || !here) return undefined;
  event.preventDefault();
  const columns = [...context.droppableRects.entries()]
    .filter(([id]) => !context.droppableContainers.get(id)?.disabled)
    .map(([, rect]) => rect)
    .sort((a, b) => a.top - b.top || a.left - b.left);
  const x = here.left + here.width / 2;
  const y = here.top + here.height / 2;
  const current = columns.findIndex((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
  const target = columns[current === -1 ? 0 : current + step];
  return target ? { x: target.left + 8, y: target.top + 40 } : undefined;
};
