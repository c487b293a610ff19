import { BODY_LIMITS, BodyTooComplex, checkBodyShape } from './body-limits';

const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let level = 0; level < depth; level += 1) value = level % 2 === 0 ? [value] : { a: value };
  return value;
};

const refusal = (body: unknown) => {
  try {
    checkBodyShape(body);
  } catch (error) {
    if (error instanceof BodyTooComplex) return error.limit;
    throw error;
  }
  return undefined;
};

describe('checkBodyShape', () => {
  it('takes the bodies the routes take', () => {
    expect(refusal({ rag: 'red', occurredAt: '2024-01-01' })).toBeUndefined();
    expect(refusal({ evidence: [{ id: 'e1', sha256: 'a'.repeat(64) }] })).toBeUndefined();
    expect(refusal(nested(BODY_LIMITS.depth))).toBeUndefined();
    expect(refusal(undefined)).toBeUndefined();
  });

  it('refuses a body nested past the limit, however deep, without overflowing the stack', () => {
    expect(refusal(nested(BODY_LIMITS.depth + 1))).toBe('depth');
    expect(refusal(JSON.parse('['.repeat(1300) + ']'.repeat(1300)))).toBe('depth');
    expect(refusal(JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)))).toBe('depth');
  });

  it('refuses an object or array with too many members, and a body with too many values', () => {
    expect(refusal(Object.fromEntries(Array.from({ length: BODY_LIMITS.members + 1 }, (_, i) => [`k${i}`, i])))).toBe('members');
    expect(refusal(Array.from({ length: BODY_LIMITS.members + 1 }, () => 0))).toBe('members');
    const many = Array.from({ length: 20 }, () => Array.from({ length: 900 }, () => 0));
    expect(refusal(many)).toBe('values');
  });

  it('counts a file held in a form as one value, not its bytes', () => {
    expect(refusal({ file: { name: 'register.csv', bytes: Buffer.alloc(5_000_000) } })).toBeUndefined();
    expect(refusal(Buffer.alloc(5_000_000))).toBeUndefined();
  });
});
