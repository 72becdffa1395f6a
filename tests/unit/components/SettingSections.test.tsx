import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NotificationsSection } from '@/components/NotificationsSection';
import { ReplyPolicySection } from '@/components/ReplyPolicySection';
import { TimeZoneSection } from '@/components/TimeZoneSection';
import { storedSignal } from '@/lib/models/stored-signal';
import { humanAgentSetting, notificationsOffSetting, syncIntervalSetting, timeZoneSetting } from '@/lib/settings';
import { account } from '../support/factories';

afterEach(cleanup);

// These use the real settings items over the browser storage: a write to the item stands for a
// change made in another tab, the side panel or the background.
describe('options sections follow their setting', () => {
  it('the time zone shown changes when it is changed elsewhere after the section rendered', async () => {
    const setting = storedSignal(timeZoneSetting);
    render(<TimeZoneSection setting={setting} />);
    const select = (await screen.findByLabelText('Time zone')) as HTMLSelectElement;
    expect(select.value).toBe('');
    await timeZoneSetting.setValue('Europe/Paris');
    await waitFor(() => expect(select.value).toBe('Europe/Paris'));
    fireEvent.change(select, { target: { value: 'Asia/Tokyo' } });
    await waitFor(async () => expect(await timeZoneSetting.getValue()).toBe('Asia/Tokyo'));
    setting.dispose();
  });

  it('the Human Agent box follows a change made elsewhere', async () => {
    const setting = storedSignal(humanAgentSetting);
    render(<ReplyPolicySection setting={setting} />);
    const box = (await screen.findByLabelText('My Meta app has Human Agent approval')) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await humanAgentSetting.setValue(true);
    await waitFor(() => expect(box.checked).toBe(true));
    setting.dispose();
  });

  it('the sync interval and notification boxes follow changes made elsewhere, and write through', async () => {
    const interval = storedSignal(syncIntervalSetting);
    const off = storedSignal(notificationsOffSetting);
    render(
      <NotificationsSection
        accounts={signal([account({ id: 'ig1', username: 'lumencoffee' })])}
        interval={interval}
        notificationsOff={off}
        setNotifications={(id, on) => off.update((ids) => (on ? ids.filter((x) => x !== id) : [...ids, id]))}
      />,
    );
    const box = (await screen.findByLabelText('Notify me of new messages for @lumencoffee')) as HTMLInputElement;
    const every = screen.getByLabelText('Check for new messages every') as HTMLSelectElement;
    expect(box.checked).toBe(true);
    await notificationsOffSetting.setValue(['ig1']);
    await syncIntervalSetting.setValue(15);
    await waitFor(() => expect(box.checked).toBe(false));
    await waitFor(() => expect(every.value).toBe('15'));
    fireEvent.click(box);
    await waitFor(async () => expect(await notificationsOffSetting.getValue()).toEqual([]));
    interval.dispose();
    off.dispose();
  });
});
