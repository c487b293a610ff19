/** No paper was issued for that committee. */
export class PaperNotIssued extends Error {
  override readonly name = 'PaperNotIssued';
  constructor(readonly paperId: string) {
    super(`No paper has been issued as ${paperId}`);
  }
}

/**
 * The paper drawn up again from its record does not hash to the document that was issued: the history
 * it was drawn from is not what it was (an integrity finding, not a client's mistake).
 */
export class PaperDoesNotMatch extends Error {
  override readonly name = 'PaperDoesNotMatch';
  constructor(
    readonly paperId: string,
    readonly issued: string,
    readonly drawnUp: string,
  ) {
    super(`The paper ${paperId} drawn up again hashes to ${drawnUp}, not to ${issued} as issued: the record it was drawn from has changed`);
  }
}
