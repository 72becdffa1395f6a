import { describe, expect, it } from 'vitest';
import { conversationFields } from '@/lib/graph/api';
import { buildFields, edge } from '@/lib/graph/fields';

describe('buildFields', () => {
  it('joins plain fields', () => {
    expect(buildFields(['id', 'name'])).toBe('id,name');
  });

  it('expands edges with limits and nested fields', () => {
    expect(buildFields(['id', edge('messages', ['id', edge('shares', ['link'])], 20), edge('participants')])).toBe(
      'id,messages.limit(20){id,shares{link}},participants',
    );
  });

  it('rejects names that would break the query', () => {
    expect(() => buildFields(['id}', 'name'])).toThrow(/Invalid Graph field name/);
    expect(() => buildFields([edge('messages', ['id'], 0)])).toThrow(/Invalid limit/);
  });

  it('asks for the newest messages of each conversation in one call', () => {
    const fields = conversationFields(20);
    expect(fields).toMatch(/^id,updated_time,participants,messages\.limit\(20\)\{id,created_time,from,to,message,/);
    expect(fields).toContain('shares{link,name,description,id}');
  });
});
