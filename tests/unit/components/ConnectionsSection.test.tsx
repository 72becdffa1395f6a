import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionsSection } from '@/components/ConnectionsSection';
import type { RevokeOutcome } from '@/lib/auth/service';
import { account } from '../support/factories';

afterEach(cleanup);

async function disconnectLast(revoke: RevokeOutcome) {
  const asked: string[] = [];
  render(
    <ConnectionsSection
      accounts={[account({ id: 'ig1', username: 'lumencoffee' })]}
      connect={async () => undefined}
      disconnect={async (id) => {
        asked.push(id);
        return { revoke };
      }}
    />,
  );
  fireEvent.click(screen.getByRole('button', { name: 'Disconnect @lumencoffee' }));
  const confirm = screen.getByRole('group', { name: 'Confirm disconnecting @lumencoffee' });
  fireEvent.click(confirm.querySelector('button.danger')!);
  await waitFor(() => expect(asked).toEqual(['ig1']));
}

describe('ConnectionsSection', () => {
  it('tells how to remove DM Desk at Meta when revoking its access did not work', async () => {
    await disconnectLast('failed');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not withdraw its access at Meta');
    expect(alert.textContent).toContain('Business integrations');
    expect(alert.textContent).toContain('Apps and websites');
    expect(alert.textContent).toContain('Remove');
  });

  it.each<RevokeOutcome>(['revoked', 'not-needed'])('shows no such steps when revoking was %s', async (revoke) => {
    await disconnectLast(revoke);
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
