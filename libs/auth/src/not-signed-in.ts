/** A web page was asked for without a valid session cookie: the caller must sign in first. */
export class NotSignedIn extends Error {
  constructor(reason: string) {
    super(`Not signed in: ${reason}`);
    this.name = 'NotSignedIn';
  }
}
