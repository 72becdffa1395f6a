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

/**
 * A list that renders only the rows in view (plus a margin), so 10,000 conversations scroll as
 * smoothly as 10. It scrolls itself; the rows keep their list semantics.
 */
export function VirtualList<T>({ items, rowHeight, label, className, overscan = 8, renderRow, itemKey }: Props<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const update = (): void => setView({ top: el.scrollTop, height: el.clientHeight || 800 });
    update();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(el);
    return () => observer?.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(view.top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((view.top + view.height) / rowHeight) + overscan);
  const visible = items.slice(first, last);
  return (
    <div
      class="virtual-scroller"
      ref={scroller}
      onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight || 800 })}
    >
      <ul class={className} aria-label={label} style={{ height: `${items.length * rowHeight}px`, position: 'relative' }}>
        {visible.map((item, i) => (
          <li
            key={itemKey(item)}
            aria-setsize={items.length}
            aria-posinset={first + i + 1}
            style={{ position: 'absolute', top: `${(first + i) * rowHeight}px`, left: 0, right: 0, height: `${rowHeight}px` }}
          >
            {renderRow(item, first + i)}
          </li>
        ))}
      </ul>
    </div>
  );
}
