import { signal } from '@preact/signals';
import { render as renderPreact } from 'preact';
import { useState } from 'preact/hooks';
import { act, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { lazyComponent } from '@/components/lazy';

interface Props {
  name: string;
  open?: { value: boolean };
}

function Greeting({ name }: Props) {
  return <p>Hello {name}</p>;
}

describe('lazy components', () => {
  it('load their code when first drawn and show it once it is in', async () => {
    const load = vi.fn(() => Promise.resolve(Greeting));
    const Lazy = lazyComponent(load, 'Greeting');
    render(<Lazy name="Lena" />);
    expect(screen.queryByText('Hello Lena')).toBeNull();
    expect(await screen.findByText('Hello Lena')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('leave the code of one that has nothing to show yet to later, then load it when it does, and keep it drawn', async () => {
    const open = signal(false);
    const load = vi.fn(() => Promise.resolve(Greeting));
    const Lazy = lazyComponent(load, 'Greeting', (p: Props) => p.open?.value === true);
    render(<Lazy name="Ana" open={open} />);
    await act(() => new Promise((r) => setTimeout(r, 10)));
    expect(load).not.toHaveBeenCalled();
    expect(screen.queryByText('Hello Ana')).toBeNull();
    await act(() => {
      open.value = true;
    });
    expect(await screen.findByText('Hello Ana')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
    await act(() => {
      open.value = false;
    });
    expect(screen.getByText('Hello Ana')).toBeTruthy();
  });

  it('draw at once when their code was preloaded, loading it only once', async () => {
    const load = vi.fn(() => Promise.resolve(Greeting));
    const Lazy = lazyComponent(load, 'Greeting', () => false);
    await Promise.all([Lazy.preload(), Lazy.preload()]);
    render(<Lazy name="Kim" />);
    expect(screen.getByText('Hello Kim')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('draw code that came in between their first render and its effect, under a parent that passes them the same element again', async () => {
    let arrive!: (component: typeof Greeting) => void;
    const Lazy = lazyComponent(() => new Promise<typeof Greeting>((resolve) => (arrive = resolve)), 'Greeting');
    // The page's idle preload is under way…
    const preloading = Lazy.preload();
    // …when a panel draws it among its children: re-rendering the panel passes the same element,
    // which Preact does not draw again.
    const child = <Lazy name="Noa" />;
    let redrawPanel = (): void => undefined;
    function Panel() {
      const [n, setN] = useState(0);
      redrawPanel = () => setN(n + 1);
      return <div>{child}</div>;
    }
    const root = document.createElement('div');
    renderPreact(<Panel />, root);
    expect(root.textContent).toBe('');
    // The code comes in after that render, before its effects run (they wait for the next frame).
    arrive(Greeting);
    await preloading;
    await new Promise((r) => setTimeout(r, 100));
    redrawPanel();
    await new Promise((r) => setTimeout(r, 50));
    expect(root.textContent).toBe('Hello Noa');
    renderPreact(null, root);
  });
});
