import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeZoneSection } from '@/components/TimeZoneSection';
import { storedSignal } from '@/lib/models/stored-signal';
import { clockSetting, timeZoneSetting } from '@/lib/settings';
import { useLanguage } from '../support/i18n';

afterEach(cleanup);

function renderSection() {
  const zone = storedSignal(timeZoneSetting);
  const clock = storedSignal(clockSetting);
  render(<TimeZoneSection setting={zone} clock={clock} />);
  return () => {
    zone.dispose();
    clock.dispose();
  };
}

const optionTexts = (select: HTMLSelectElement) => [...select.options].map((o) => o.textContent);

describe('the clock choice', () => {
  it('offers the language’s own clock, 12 and 24 hours with an example each, and stores the choice', async () => {
    const dispose = renderSection();
    const select = (await screen.findByLabelText('Clock')) as HTMLSelectElement;
    expect(select.value).toBe('auto');
    expect(optionTexts(select)).toEqual(['Automatic, from your language (2:34 PM)', '12-hour (2:34 PM)', '24-hour (14:34)']);
    fireEvent.change(select, { target: { value: '24' } });
    await waitFor(async () => expect(await clockSetting.getValue()).toBe('24'));
    await clockSetting.setValue('12');
    await waitFor(() => expect(select.value).toBe('12'));
    dispose();
  });

  it('speaks German, whose own clock is the 24-hour one', async () => {
    useLanguage('de');
    const dispose = renderSection();
    expect(await screen.findByLabelText('Zeitzone')).toBeTruthy();
    const select = (await screen.findByLabelText('Uhrzeitformat')) as HTMLSelectElement;
    expect(optionTexts(select)[0]).toBe('Automatisch, passend zur Sprache (14:34)');
    expect(optionTexts(select)[2]).toBe('24 Stunden (14:34)');
    dispose();
  });
});
