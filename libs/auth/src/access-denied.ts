/** The caller is known but their role, or their relation to the item, does not allow the action. */
export class AccessDenied extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'AccessDenied';
  }
}
