/**
 * What a person's id may be, as it is typed (any case) and as it names their stream: what they sign in
 * with, an e-mail-like UPN at most forces. The API's fields, the person form and the import's owner
 * column all take exactly this.
 */
export const PERSON_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,99}$/;

/** What to say when an id is not one. */
export const PERSON_ID_RULE = '1–100 letters, digits or _ . : @ - and start with a letter or digit';

/**
 * People as the lifecycle's rules compare them (docs/architecture.md, "Who uses it"). A person's id is
 * normalised once, where it enters the product (a token, a session, a form, an import): trimmed and in
 * lower case. The rules compare ids through `samePerson` all the same, so history written before ids
 * were normalised (`OWNER-A` beside `owner-a`) is still one person.
 */
export function personId(id: string): string {
  return id.trim().toLowerCase();
}

export function samePerson(a: string | null | undefined, b: string | null | undefined): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && personId(a) === personId(b);
}

/** The part of the system that sends reminders (`system:reminders`): no person. */
export function isSystemId(id: string): boolean {
  return personId(id).startsWith('system:');
}

/** An import's stand-in for a role (`import:<id>`, `import:<id>:dcc`): no person either, but it may record a tracker's history. */
export function isImportId(id: string): boolean {
  return personId(id).startsWith('import:');
}

/** Anyone who is not a person: a system command's sender or an import's stand-in. */
export function isNotAPerson(id: string): boolean {
  return isSystemId(id) || isImportId(id);
}

/**
 * Why such an id is refused wherever a person enters (a token, a provider's account, the directory):
 * the system's parts act inside it and never sign in or own anything, so a person under one of their
 * ids would have their acts pass for the reminders' or an import's.
 */
export function notAPerson(id: string): string {
  return `${personId(id)} names a part of this system, not a person`;
}
