import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionsSection } from '@/components/ConnectionsSection';
import type { RevokeOutcome } from '@/lib/auth/service';
import { createOptionsModel } from '@/lib/models/options';
import { account } from '../support/factories';
import { fakeOptionsDeps } from '../lib/models/options-deps';

afterEach(cleanup);

async function disconnectLast(revoke: RevokeOutcome) {
  const { deps, world } = fakeOptionsDeps({ accounts: [account({ id: 'ig1', username: 'lumencoffee' })] });
  world.answers.disconnect = { revoke };
  const model = createOptionsModel(deps);
  await model.start();
  render(<ConnectionsSection model={model.connections} />);
  world.accounts = [];
  fireEvent.click(screen.getByRole('button', { name: 'Disconnect @lumencoffee' }));
  const confirm = screen.getByRole('group', { name: 'Confirm disconnecting @lumencoffee' });
  fireEvent.click(confirm.querySelector('button.danger')!);
  await waitFor(() => expect(world.requests).toEqual([{ name: 'disconnect', payload: { accountId: 'ig1' } }]));
  await screen.findByText('No Instagram accounts connected yet.');
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
