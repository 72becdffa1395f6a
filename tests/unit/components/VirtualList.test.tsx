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

  it('builds only the rows that come into view; the rows still in view are not drawn again', () => {
    const { scroller, shown, renders } = list();
    scroller.scrollTop = 6000;
    fireEvent.scroll(scroller);
    const before = renders();
    const rowsBefore = shown();
    // Three rows further: three rows come into view, the rest stay.
    scroller.scrollTop = 6180;
    fireEvent.scroll(scroller);
    expect(shown()[0]).toBe(rowsBefore[0]! + 3);
    expect(renders() - before).toBe(3);
  });

  it('draws a row again when its item changes, and every row when the way rows are drawn changes', () => {
    let renders = 0;
    const draw = (prefix: string) => (s: { id: string; text: string }) => {
      renders += 1;
      return <span>{`${prefix}${s.text}`}</span>;
    };
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: `r${i}`, text: `row ${i}` }));
    const props = { rowHeight: 60, label: 'Rows', overscan: 2, itemKey: (s: { id: string }) => s.id };
    const drawA = draw('');
    const view = render(<VirtualList items={rows} renderRow={drawA} {...props} />);
    const inView = view.container.querySelectorAll('li').length;
    renders = 0;
    const changed = rows.map((r, i) => (i === 1 ? { ...r, text: 'row 1, edited' } : r));
    view.rerender(<VirtualList items={changed} renderRow={drawA} {...props} />);
    expect(renders).toBe(1);
    expect(view.getByText('row 1, edited')).toBeTruthy();
    renders = 0;
    view.rerender(<VirtualList items={changed} renderRow={draw('· ')} {...props} />);
    expect(renders).toBe(inView);
    expect(view.getByText('· row 0')).toBeTruthy();
  });
});
