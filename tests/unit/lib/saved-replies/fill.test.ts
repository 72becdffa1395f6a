import { describe, expect, it } from 'vitest';
import { fillReply, type FillContext } from '@/lib/saved-replies/fill';

const account = { name: 'Lumen Coffee', username: 'lumen.coffee' };
const ctx = (contact: FillContext['contact'], acc: FillContext['account'] = account): FillContext => ({ contact, account: acc });
const TEMPLATE = 'Hi {first_name}, {name} ({username}) — {account}';

describe('fillReply', () => {
  it('fills every variable from a contact with a name', () => {
    expect(fillReply(TEMPLATE, ctx({ name: 'Lena Krause', username: 'lena_k' }))).toBe('Hi Lena, Lena Krause (lena_k) — Lumen Coffee');
  });

  it('reads "Hi there," when the name is unknown (absent, null, blank or "Instagram User"), never a username', () => {
    for (const name of [undefined, null, '  ', 'Instagram User']) {
      expect(fillReply('Hi {first_name},', ctx({ name, username: 'lena_k' }))).toBe('Hi there,');
    }
  });

  it('falls back from the name to the username, and from the username to the name', () => {
    expect(fillReply('{name}', ctx({ name: null, username: 'lena_k' }))).toBe('lena_k');
    expect(fillReply('{username}', ctx({ name: 'Lena', username: null }))).toBe('Lena');
    expect(fillReply('{username}', ctx({ name: 'Lena', username: '@lena_k' }))).toBe('lena_k');
  });

  it('says "there" for a contact DM Desk knows nothing about', () => {
    expect(fillReply('{first_name} {name} {username}', ctx(null))).toBe('there there there');
    expect(fillReply('{first_name}', ctx({ name: '', username: '' }))).toBe('there');
  });

  it('uses the account name, else its username', () => {
    expect(fillReply('{account}', ctx(null, { name: null, username: 'lumen.coffee' }))).toBe('lumen.coffee');
    expect(fillReply('{account}', ctx(null, null))).toBe('');
  });

  it('takes the first word of a name with extra spaces, fills a variable each time it appears, leaves other braces alone', () => {
    const c = ctx({ name: '  José   María ', username: 'jm' });
    expect(fillReply('{first_name}! {first_name}? {FIRST_NAME} {order} {}', c)).toBe('José! José? {FIRST_NAME} {order} {}');
  });

  it('does not read a name as a pattern ($& and the like stay text)', () => {
    expect(fillReply('Hi {name}', ctx({ name: '$& $1', username: 'x' }))).toBe('Hi $& $1');
  });
});
