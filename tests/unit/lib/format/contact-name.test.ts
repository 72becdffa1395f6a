import { describe, expect, it } from 'vitest';
import { contactName } from '@/lib/format/contact-name';

describe('contactName', () => {
  it('shows the name first with the username beside it', () => {
    expect(contactName({ name: 'María García', username: 'maria.g_22' })).toEqual({
      primary: 'María García',
      secondary: '@maria.g_22',
      full: 'María García (@maria.g_22)',
    });
  });

  it('falls back to the username when Meta gives no name (withheld, not read yet, or none)', () => {
    for (const name of [null, undefined, '', '   ']) {
      expect(contactName({ name, username: 'ghost.account' })).toEqual({
        primary: 'ghost.account',
        secondary: null,
        full: 'ghost.account',
      });
    }
  });

  it('shows "Instagram User" when Meta gives neither', () => {
    expect(contactName({ name: null, username: null }).primary).toBe('Instagram User');
    expect(contactName({ username: '  ' }).primary).toBe('Instagram User');
    expect(contactName(null)).toEqual({ primary: 'Instagram User', secondary: null, full: 'Instagram User' });
    expect(contactName(undefined).primary).toBe('Instagram User');
  });

  it('shows a name alone when there is no username, and does not repeat a name equal to the username', () => {
    expect(contactName({ name: 'Sam', username: null })).toEqual({ primary: 'Sam', secondary: null, full: 'Sam' });
    expect(contactName({ name: 'sam', username: 'sam' })).toEqual({ primary: 'sam', secondary: null, full: 'sam' });
  });

  it('keeps bad stored data from breaking a row: non-strings are ignored, whitespace and newlines collapse', () => {
    expect(contactName({ name: 42, username: 'maria' } as unknown as { name: string; username: string }).primary).toBe('maria');
    expect(contactName({ name: 'Ana\n  Silva', username: '@ana' })).toEqual({
      primary: 'Ana Silva',
      secondary: '@ana',
      full: 'Ana Silva (@ana)',
    });
  });
});
