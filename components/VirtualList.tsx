import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props<T> {
  items: readonly T[];
  /** Every row has this height (px), so the window can be computed without measuring. */
  rowHeight: number;
  label: string;
  className?: string;
  /** Rows rendered above and below the visible ones. */
  overscan?: number;
  renderRow: (item: T, index: number) => ComponentChildren;
  itemKey: (item: T) => string;
}

/** The rows in view: a scroll that shows no other row (most of a slow one) draws nothing again. */
interface Window {
  /** Index of the first row in view (partly) and how many rows fit in the height. */
  top: number;
  rows: number;
}

interface DrawnRow<T> {
  item: T;
  index: number;
  node: ComponentChildren;
}

function windowAt(scrollTop: number, height: number, rowHeight: number): Window {
  const top = Math.floor(scrollTop / rowHeight);
  return { top, rows: Math.ceil((scrollTop + height) / rowHeight) - top };
}

/**
 * A list that renders only the rows in view (plus a margin), so 10,000 conversations scroll as
 * smoothly as 10. It scrolls itself; the rows keep their list semantics.
 */
export function VirtualList<T>({ items, rowHeight, label, className, overscan = 8, renderRow, itemKey }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  /** The scroller's height, from its resize observer (reading it on every scroll would make the browser lay out). */
  const height = useRef(800);
  const [view, setView] = useState<Window>(() => windowAt(0, height.current, rowHeight));
  /** The rows drawn last time, reused while neither they nor `renderRow` changed. */
  const drawn = useRef<{ renderRow: Props<T>['renderRow'] | null; rows: Map<string, DrawnRow<T>> }>({ renderRow: null, rows: new Map() });
  const show = (next: Window): void => setView((v) => (v.top === next.top && v.rows === next.rows ? v : next));

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = (): void => {
      height.current = el.clientHeight || 800;
      show(windowAt(el.scrollTop, height.current, rowHeight));
    };
    update();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(el);
    return () => observer?.disconnect();
  }, [rowHeight]);

  const first = Math.max(0, view.top - overscan);
  const last = Math.min(items.length, view.top + view.rows + overscan);
  const visible = items.slice(first, last);
  // A scroll keeps most rows in view: each of them is the element drawn last time (Preact skips an
  // element it has drawn already), so a frame of a fling builds only the rows that came into view.
  // Anything that changes a row reaches the list as a new row object or a new renderRow.
  if (drawn.current.renderRow !== renderRow) drawn.current = { renderRow, rows: new Map() };
  const kept = drawn.current.rows;
  const rows = new Map<string, DrawnRow<T>>();
  const rowAt = (item: T, index: number): ComponentChildren => {
    const key = itemKey(item);
    const before = kept.get(key);
    const row = before && before.item === item && before.index === index ? before : { item, index, node: renderRow(item, index) };
    rows.set(key, row);
    return row.node;
  };
  drawn.current.rows = rows;
  return (
    <div class="virtual-scroller" ref={scroller} onScroll={(e) => show(windowAt(e.currentTarget.scrollTop, height.current, rowHeight))}>
      <ul class={className} aria-label={label} style={{ height: `${items.length * rowHeight}px`, position: 'relative' }}>
        {visible.map((item, i) => (
          <li
            key={itemKey(item)}
            aria-setsize={items.length}
            aria-posinset={first + i + 1}
            style={{ position: 'absolute', top: `${(first + i) * rowHeight}px`, left: 0, right: 0, height: `${rowHeight}px` }}
          >
            {rowAt(item, first + i)}
          </li>
        ))}
      </ul>
    </div>
  );
}
