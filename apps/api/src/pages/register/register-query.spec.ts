import { readRegisterQuery } from './register-query';

describe('readRegisterQuery', () => {
  it('takes the statuses, kinds and RAG ratings the filter form offers', () => {
    expect(readRegisterQuery({ status: 'rag_rated', kind: 'recommendation', rag: 'amber' })).toMatchObject({
      ok: true,
      filter: { status: ['rag_rated'], kind: 'recommendation', rag: 'amber' },
    });
    expect(readRegisterQuery({ rag: 'unrated' })).toMatchObject({ ok: true, filter: { rag: 'unrated' } });
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'refuses %s, which Object.prototype has and no table of terms does, as status, kind and RAG rating',
    (name) => {
      expect(readRegisterQuery({ status: name })).toEqual({ ok: false, problem: `The register cannot be filtered by status "${name}"` });
      expect(readRegisterQuery({ kind: name })).toEqual({ ok: false, problem: `The register cannot be filtered by kind "${name}"` });
      expect(readRegisterQuery({ rag: name })).toEqual({ ok: false, problem: `The register cannot be filtered by RAG rating "${name}"` });
    },
  );

  it('takes an addressee as recorded, any text up to 200 characters', () => {
    expect(readRegisterQuery({ addressee: 'IOPC' })).toMatchObject({ ok: true, filter: { addressee: 'IOPC' } });
    expect(readRegisterQuery({ addressee: 'x'.repeat(201) })).toMatchObject({ ok: false });
  });
});
