import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { BrokenItem } from '@/components/BrokenItem';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { PageFallback } from '@/components/PageFallback';
import { readDiagnostics } from '@/lib/diagnostics';

afterEach(cleanup);

let failing = true;
function Fragile({ text }: { text: string }) {
  if (failing) throw new Error(`secret customer text: ${text}`);
  return <p>{text}</p>;
}

describe('ErrorBoundary', () => {
  it('shows the placeholder for what threw, keeps its siblings, logs without the content, and retries', async () => {
    failing = true;
    render(
      <ol aria-label="Messages">
        <li>Before</li>
        <ErrorBoundary
          what="A message could not be shown"
          fallback={(retry) => <BrokenItem as="li" label="This message could not be shown" action={{ text: 'Try again', run: retry }} />}
        >
          <li>
            <Fragile text="Hello Maria" />
          </li>
        </ErrorBoundary>
        <li>After</li>
      </ol>,
    );
    expect(screen.getByText('Before')).toBeTruthy();
    expect(screen.getByText('After')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'This message could not be shown' })).toBeTruthy();
    const log = await readDiagnostics();
    expect(log).toContainEqual(expect.objectContaining({ area: 'ui', message: 'A message could not be shown', error: 'Error' }));
    expect(JSON.stringify(log)).not.toContain('Maria');
    failing = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Hello Maria')).toBeTruthy();
  });

  it('a page that cannot be drawn says so and offers Reload', () => {
    failing = true;
    let reloads = 0;
    render(
      <ErrorBoundary what="The inbox could not be shown" fallback={() => <PageFallback page="the inbox" onReload={() => (reloads += 1)} />}>
        <Fragile text="x" />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('DM Desk could not show the inbox');
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reloads).toBe(1);
  });
});
