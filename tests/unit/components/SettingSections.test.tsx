import { signal } from '@preact/signals';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NotificationsSection } from '@/components/NotificationsSection';
import { ReplyPolicySection } from '@/components/ReplyPolicySection';
import { TimeZoneSection } from '@/components/TimeZoneSection';
import { storedSignal } from '@/lib/models/stored-signal';
import { humanAgentSetting, notificationsOffSetting, syncPresetSetting, timeZoneSetting, workingHoursSetting } from '@/lib/settings';
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

  it('the sync preset, working hours and notification boxes follow changes made elsewhere, and write through', async () => {
    const preset = storedSignal(syncPresetSetting);
    const hours = storedSignal(workingHoursSetting);
    const off = storedSignal(notificationsOffSetting);
    render(
      <NotificationsSection
        accounts={signal([account({ id: 'ig1', username: 'lumencoffee' })])}
        preset={preset}
        workingHours={hours}
        notificationsOff={off}
        setNotifications={(id, on) => off.update((ids) => (on ? ids.filter((x) => x !== id) : [...ids, id]))}
      />,
    );
    const box = (await screen.findByLabelText('Notify me of new messages for @lumencoffee')) as HTMLInputElement;
    const group = screen.getByRole('group', { name: 'How often DM Desk checks for new messages' });
    const realtime = within(group).getByRole('radio', { name: 'Real time (recommended)' }) as HTMLInputElement;
    const battery = within(group).getByRole('radio', { name: 'Battery saver' }) as HTMLInputElement;
    // Each preset says the request rate it means, from the figures the background follows.
    const description = (radio: HTMLElement) => document.getElementById(radio.getAttribute('aria-describedby') ?? '')?.textContent;
    expect(description(realtime)).toBe('About 4 checks a minute per account, 6 while DM Desk is open');
    expect(description(within(group).getByRole('radio', { name: 'Balanced' }))).toBe(
      'About 2 checks a minute per account, 4 while DM Desk is open',
    );
    expect(description(battery)).toBe('About one check every 2 minutes per account, 2 a minute while DM Desk is open');
    expect(realtime.checked).toBe(true);
    expect(box.checked).toBe(true);
    await notificationsOffSetting.setValue(['ig1']);
    await syncPresetSetting.setValue('balanced');
    await waitFor(() => expect(box.checked).toBe(false));
    await waitFor(() => expect((screen.getByRole('radio', { name: 'Balanced' }) as HTMLInputElement).checked).toBe(true));
    fireEvent.click(battery);
    await waitFor(async () => expect(await syncPresetSetting.getValue()).toBe('battery'));
    fireEvent.click(box);
    await waitFor(async () => expect(await notificationsOffSetting.getValue()).toEqual([]));

    // Working hours: off by default (the times wait); on, the times are kept as minutes.
    const hoursGroup = screen.getByRole('group', { name: 'Working hours' });
    const from = within(hoursGroup).getByLabelText('From') as HTMLInputElement;
    expect(from.disabled).toBe(true);
    expect(within(hoursGroup).getByText(/about every 15 minutes/)).toBeTruthy();
    fireEvent.click(within(hoursGroup).getByLabelText('Check less often outside my working hours'));
    await waitFor(() => expect(from.disabled).toBe(false));
    fireEvent.change(from, { target: { value: '07:30' } });
    fireEvent.change(within(hoursGroup).getByLabelText('Until'), { target: { value: '16:00' } });
    await waitFor(async () => expect(await workingHoursSetting.getValue()).toEqual({ enabled: true, start: 450, end: 960 }));
    preset.dispose();
    hours.dispose();
    off.dispose();
  });
});
