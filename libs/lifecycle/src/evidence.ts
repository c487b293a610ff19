import type { Evidence, EvidenceRef, StoredDocument } from './events';

/** Whether the system holds the document itself (uploaded), rather than a reference to where it is held. */
export function isStoredDocument(evidence: Evidence): evidence is StoredDocument {
  return 'file' in evidence;
}

/** The evidence's own facts, from a command or an event's data: nothing else is copied into an event. */
export function evidenceOf(given: Evidence): Evidence {
  const { evidenceId, title, isChiefConstableLetter } = given;
  if (isStoredDocument(given)) {
    const { name, mediaType, size } = given.file;
    return { evidenceId, title, isChiefConstableLetter, sha256: given.sha256, file: { name, mediaType, size } };
  }
  const { location, description } = given.heldElsewhere;
  return {
    evidenceId,
    title,
    isChiefConstableLetter,
    heldElsewhere: { location, description },
    ...(given.sha256 === undefined ? {} : { sha256: given.sha256 }),
  };
}

/** How an approval names a piece of evidence: a stored document by its SHA-256; a reference by where it is held (and any fingerprint it was given). */
export function evidenceRef(evidence: Evidence): EvidenceRef {
  if (isStoredDocument(evidence)) return { evidenceId: evidence.evidenceId, sha256: evidence.sha256 };
  return {
    evidenceId: evidence.evidenceId,
    location: evidence.heldElsewhere.location,
    ...(evidence.sha256 === undefined ? {} : { sha256: evidence.sha256 }),
  };
}
