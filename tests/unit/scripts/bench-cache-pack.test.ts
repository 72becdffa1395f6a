// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { plainMessage, type Message } from '../../../lib/db/schema';
import { packMessages, UNPACK_MESSAGES } from '../../../scripts/bench/cache-pack';
import { BENCH_SIZES, benchSize, describeSize } from '../../../scripts/bench/harness';

const unpack = new Function(`${UNPACK_MESSAGES}; return unpackMessages;`)() as (p: unknown) => Message[];

const msg = (n: number, conv: string, own: boolean, text: string): Message =>
  plainMessage({
    id: `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOj${conv}:${3_400_000 + n * 7_919}`,
    conversationId: conv,
    accountId: 'acct',
    createdTime: 1_700_000_000_000 + n * 60_000,
    fromId: own ? 'acct' : `customer-of-${conv}`,
    isOwn: own,
    text,
    kind: 'text',
  });

describe('packMessages / unpackMessages', () => {
  it('gives back the same records in the same order, much smaller than their JSON', () => {
    const messages: Message[] = [];
    for (let c = 0; c < 50; c++) {
      for (let n = 0; n < 10; n++) messages.push(msg(c * 10 + n, `conv-${c}`, n % 3 === 1, n === 9 ? '' : `line ${n % 4}`));
    }
    // A conversation whose first message is the account's (the customer's id is learned later).
    messages.push(msg(900, 'conv-late', true, 'hello'), msg(901, 'conv-late', false, 'hi'));
    const packed = packMessages(messages);
    const back = unpack(JSON.parse(JSON.stringify(packed)));
    expect(back).toEqual(messages);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(messages).length / 3);
  });

  it('refuses what it would not give back as it was', () => {
    const withReaction = { ...msg(1, 'c', false, 'x'), reactions: [{ emoji: '❤️', fromId: 'a' }] } as unknown as Message;
    expect(() => packMessages([msg(0, 'c', false, 'x'), withReaction])).toThrow(/not a plain text message/);
    expect(() => packMessages([msg(0, 'c', false, 'x'), { ...msg(1, 'c', false, 'y'), fromId: 'someone else' }])).toThrow(/two customers/);
    expect(() => packMessages([{ ...msg(0, 'c', false, 'x'), kind: 'image' } as Message])).toThrow(/not a plain text message/);
  });
});

describe('benchSize', () => {
  it('names the two sizes and refuses others', () => {
    expect(benchSize('10k')).toBe(BENCH_SIZES['10k']);
    expect(benchSize('100K').conversations).toBe(100_000);
    expect(() => benchSize('1m')).toThrow(/10k or 100k/);
    expect(describeSize(BENCH_SIZES['100k'])).toBe('100,000 conversations × 10 messages (1,000,000 messages)');
  });
});
