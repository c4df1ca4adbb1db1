// When a table is wider than its frame (a profile's many columns on an 800 px screen), the frame
// scrolls sideways; without a cue the cut-off columns look like the end of the table. The cue
// counts the columns out of view on each side, as buttons that scroll to them, and the frame's
// edge fades on the side where more columns are.
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { DATA_TABLE_NS } from './strings.ts';

export interface HiddenColumns {
  readonly left: number;
  readonly right: number;
}

const NONE: HiddenColumns = { left: 0, right: 0 };

/** Columns of the header row that are (partly) out of the scroll frame's view, per side. */
export function hiddenColumns(frame: HTMLElement): HiddenColumns {
  if (frame.scrollWidth <= frame.clientWidth + 1) return NONE;
  const box = frame.getBoundingClientRect();
  // The frame's inner edges: its border is not part of the view.
  const left = box.left + frame.clientLeft;
  const right = left + frame.clientWidth;
  let l = 0;
  let r = 0;
  for (const th of frame.querySelectorAll<HTMLElement>('thead tr:first-child > th')) {
    const cell = th.getBoundingClientRect();
    if (cell.width === 0) continue;
    if (cell.right > right + 1) r += 1;
    else if (cell.left < left - 1) l += 1;
  }
  return l === 0 && r === 0 ? NONE : { left: l, right: r };
}

/** Follows the frame's scroll position and size (and its table's) and says what is hidden. */
export function useHiddenColumns(frame: RefObject<HTMLElement | null>): HiddenColumns {
  const [hidden, setHidden] = useState<HiddenColumns>(NONE);
  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const update = () =>
      setHidden((prev) => {
        const next = hiddenColumns(el);
        return next.left === prev.left && next.right === prev.right ? prev : next;
      });
    update();
    el.addEventListener('scroll', update, { passive: true });
    globalThis.addEventListener('resize', update);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(el);
    const table = el.querySelector('table');
    if (table) observer?.observe(table);
    return () => {
      el.removeEventListener('scroll', update);
      globalThis.removeEventListener('resize', update);
      observer?.disconnect();
    };
  }, [frame]);
  return hidden;
}

/** "← 2 columns" / "3 more columns →": each scrolls the frame most of a width that way. */
export function ScrollCue(props: {
  readonly hidden: HiddenColumns;
  readonly frame: RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation(DATA_TABLE_NS);
  const { left, right } = props.hidden;
  if (left === 0 && right === 0) return null;
  const scroll = (sign: 1 | -1) => {
    const el = props.frame.current;
    if (el) el.scrollBy({ left: sign * Math.max(80, el.clientWidth * 0.8) });
  };
  return (
    <span className="dt-scroll-cue" data-testid="dt-scroll-cue">
      {left > 0 ? (
        <button type="button" className="link-button" onClick={() => scroll(-1)}>
          {t('columnsLeft', { count: left })}
        </button>
      ) : null}
      {right > 0 ? (
        <button type="button" className="link-button" onClick={() => scroll(1)}>
          {t('columnsRight', { count: right })}
        </button>
      ) : null}
    </span>
  );
}
