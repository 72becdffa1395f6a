import { describe, expect, it } from 'vitest';
import { completeLabel, labelSuggestions, parseSearchInput, sameLabelName } from '@/lib/search';

describe('search filters', () => {
  it('takes label: and is: filters out of the words', () => {
    expect(parseSearchInput('label:vip refund')).toMatchObject({ words: 'refund', labels: ['vip'], status: [], typingLabel: null });
    expect(parseSearchInput('refund IS:Done')).toMatchObject({ words: 'refund', status: ['done'] });
    expect(parseSearchInput('is:snoozed is:pinned is:unread')).toMatchObject({ words: '', status: ['snoozed', 'pinned', 'unread'] });
    expect(parseSearchInput('where is my parcel')).toMatchObject({ words: 'where is my parcel', labels: [], status: [] });
    // Only at the start of a word: "this:done" is text.
    expect(parseSearchInput('this:done')).toMatchObject({ words: 'this:done', status: [] });
  });

  it('reads quoted label names with spaces, several labels AND-ed', () => {
    expect(parseSearchInput('label:"Wholesale EU" label:vip late')).toMatchObject({ words: 'late', labels: ['Wholesale EU', 'vip'] });
    expect(parseSearchInput('label:"  Wholesale   EU "')).toMatchObject({ labels: ['Wholesale EU'], words: '' });
  });

  it('says which is: values it does not know', () => {
    expect(parseSearchInput('is:closed hello')).toMatchObject({ words: 'hello', unknownStatus: ['closed'], status: [] });
  });

  it('notices a label: still being typed (for suggestions)', () => {
    expect(parseSearchInput('refund label:')).toMatchObject({ typingLabel: '', labels: [], words: 'refund' });
    expect(parseSearchInput('label:vi')).toMatchObject({ typingLabel: 'vi', labels: ['vi'] });
    expect(parseSearchInput('label:"Whole')).toMatchObject({ typingLabel: 'Whole', labels: [] });
    expect(parseSearchInput('label:vip ')).toMatchObject({ typingLabel: null, labels: ['vip'] });
  });

  it('compares label names without case, accents or extra spaces, and suggests by prefix first', () => {
    expect(sameLabelName('Café  VIP', 'cafe vip')).toBe(true);
    const labels = [{ name: 'Wholesale EU' }, { name: 'VIP' }, { name: 'Vegan' }, { name: 'Urgent VIP' }];
    expect(labelSuggestions(labels, 'v').map((l) => l.name)).toEqual(['VIP', 'Vegan', 'Urgent VIP']);
    expect(labelSuggestions(labels, '').map((l) => l.name)).toHaveLength(4);
  });

  it('completes the label being typed, quoting names with spaces', () => {
    expect(completeLabel('refund label:who', 'Wholesale EU')).toBe('refund label:"Wholesale EU" ');
    expect(completeLabel('label:"Who', 'Wholesale EU')).toBe('label:"Wholesale EU" ');
    expect(completeLabel('label:v', 'VIP')).toBe('label:VIP ');
  });
});
