import { fireEvent, render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { VirtualList } from '@/components/VirtualList';

const items = Array.from({ length: 1000 }, (_, i) => `row ${i}`);

function list() {
  let renders = 0;
  const view = render(
    <VirtualList
      items={items}
      rowHeight={60}
      label="Rows"
      overscan={2}
      itemKey={(s) => s}
      renderRow={(s) => {
        renders += 1;
        return <span>{s}</span>;
      }}
    />,
  );
  const scroller = view.container.querySelector('.virtual-scroller') as HTMLDivElement;
  const shown = () => [...view.container.querySelectorAll('li')].map((li) => Number(li.getAttribute('aria-posinset')));
  return { view, scroller, shown, renders: () => renders };
}

describe('VirtualList', () => {
  it('draws the rows in view and a margin, and follows the scroll', () => {
    const { scroller, shown } = list();
    expect(shown()[0]).toBe(1);
    expect(shown().length).toBeLessThan(30);
    scroller.scrollTop = 6000;
    fireEvent.scroll(scroller);
    // Row 101 is at the top; two rows of margin above it.
    expect(shown()[0]).toBe(99);
    expect(shown()).toContain(101);
  });

  it('draws nothing again for a scroll that brings no other row into view', () => {
    const { scroller, shown, renders } = list();
    scroller.scrollTop = 6000;
    fireEvent.scroll(scroller);
    const before = renders();
    scroller.scrollTop = 6010;
    fireEvent.scroll(scroller);
    expect(renders()).toBe(before);
    expect(shown()[0]).toBe(99);
  });
});
