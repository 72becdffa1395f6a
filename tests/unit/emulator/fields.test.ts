// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatFields, parseFields } from '../../emulator/fields';
import { GraphError } from '../../emulator/util';

describe('field expansion parser', () => {
  it('parses flat lists', () => {
    expect(parseFields('id,name')).toEqual([{ name: 'id' }, { name: 'name' }]);
  });

  it('parses nesting, limits and whitespace', () => {
    const tree = parseFields(' a , b{ c,d } , e.limit(5){f, g{h}} ');
    expect(tree).toEqual([
      { name: 'a' },
      { name: 'b', children: [{ name: 'c' }, { name: 'd' }] },
      { name: 'e', limit: 5, children: [{ name: 'f' }, { name: 'g', children: [{ name: 'h' }] }] },
    ]);
  });

  it('parses the inbox query', () => {
    const raw =
      'id,updated_time,participants,messages.limit(20){id,created_time,from,to,message,attachments,shares{link,name,description,id,template},story,reactions,is_unsupported,reply_to}';
    const tree = parseFields(raw);
    expect(tree[3]?.limit).toBe(20);
    expect(tree[3]?.children?.find((c) => c.name === 'shares')?.children?.map((c) => c.name)).toEqual([
      'link',
      'name',
      'description',
      'id',
      'template',
    ]);
    expect(formatFields(tree)).toBe(raw);
  });

  it.each(['a,', 'a{b', 'a}', 'a{}', ',a', 'a.limit(x)', 'a.limit(5', 'a b', 'a{b}}', '', 'a.bogus(1)'])(
    'rejects %j with code 100',
    (input) => {
      let err: unknown;
      try {
        parseFields(input);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GraphError);
      expect((err as GraphError).code).toBe(100);
      expect((err as GraphError).message.startsWith('(#100)')).toBe(true);
    },
  );
});
