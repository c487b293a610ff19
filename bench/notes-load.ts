import autocannon from 'autocannon';

/** What a stretch of progress notes under load came to. */
export interface NotesFigures {
  /** Notes answered 2xx per second. */
  perSecond: number;
  /** Requests the server answered at all (2xx or not). */
  answered: number;
  /** Non-2xx answers and failed requests (autocannon counts its timeouts among the latter). */
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

export interface NotesLoad {
  connections: number;
  seconds: number;
  /** Notes per second over all connections; unset: as fast as the server answers. */
  rate?: number;
  /** The item the `n`th note is on. */
  item(n: number): string;
}

/** `seconds` of POST /recommendations/:id/note (bearer `authorization`) from `connections` connections. */
export async function notesUnderLoad(url: string, authorization: string, load: NotesLoad): Promise<NotesFigures> {
  let next = 0;
  const result = await autocannon({
    url,
    connections: load.connections,
    overallRate: load.rate,
    duration: load.seconds,
    requests: [
      {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          path: `/recommendations/${load.item((next += 1))}/note`,
          body: JSON.stringify({ text: 'Progress reviewed at the HMIC oversight board' }),
        }),
      },
    ],
  });
  return {
    perSecond: result['2xx'] / result.duration,
    answered: result['2xx'] + result.non2xx,
    errors: result.non2xx + result.errors,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}
