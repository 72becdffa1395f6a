/**
 * Builds Graph API field-expansion strings such as
 * `id,participants,messages.limit(20){id,created_time,from}`.
 */
export type FieldSpec = string | EdgeSpec;

export interface EdgeSpec {
  edge: string;
  limit?: number;
  fields?: readonly FieldSpec[];
}

const NAME = /^[a-z_][a-z0-9_]*$/;

export function edge(name: string, fields?: readonly FieldSpec[], limit?: number): EdgeSpec {
  return { edge: name, fields, limit };
}

export function buildFields(fields: readonly FieldSpec[]): string {
  return fields.map(buildOne).join(',');
}

function buildOne(spec: FieldSpec): string {
  if (typeof spec === 'string') return checkedName(spec);
  let out = checkedName(spec.edge);
  if (spec.limit !== undefined) {
    if (!Number.isInteger(spec.limit) || spec.limit < 1) throw new Error(`Invalid limit for ${spec.edge}: ${spec.limit}`);
    out += `.limit(${spec.limit})`;
  }
  if (spec.fields && spec.fields.length > 0) out += `{${buildFields(spec.fields)}}`;
  return out;
}

function checkedName(name: string): string {
  if (!NAME.test(name)) throw new Error(`Invalid Graph field name: ${name}`);
  return name;
}
