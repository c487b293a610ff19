import { isISO8601 } from 'class-validator';
import { EvidenceRefused } from '@hmicfrs/evidence';
import { IsIdentifier } from '../recommendations/dto/fields';
import { ItemIdParams } from '../recommendations/dto/item-id.params';
import type { UploadDescription } from './evidence-documents';

export class EvidenceFileParams extends ItemIdParams {
  @IsIdentifier()
  evidenceId!: string;
}

const MAX_TITLE = 500;

/**
 * An upload's typed fields: `title` (optional, at most 500 characters), `isChiefConstableLetter`
 * (`true`/`false`, or the page's ticked `yes`), `occurredAt` (ISO-8601, the API's). Any other field is
 * refused, except the ones the caller's form has of its own (`pageFields`).
 */
export function readUploadDescription(
  fields: Record<string, string>,
  pageFields: readonly string[] = [],
): (UploadDescription & { occurredAt?: string }) | { refused: EvidenceRefused } {
  const refuse = (message: string) => ({ refused: new EvidenceRefused('bad_field', message) });
  const unknown = Object.keys(fields).filter((name) => !['title', 'isChiefConstableLetter', 'occurredAt', ...pageFields].includes(name));
  if (unknown.length > 0)
    return refuse(
      `An evidence upload has no field ${unknown.map((name) => JSON.stringify(name)).join(', ')}: send file, title, isChiefConstableLetter and occurredAt`,
    );
  const title = fields.title?.trim();
  if (title !== undefined && title.length > MAX_TITLE) return refuse(`title must be at most ${MAX_TITLE} characters`);
  const letter = fields.isChiefConstableLetter;
  if (letter !== undefined && !['true', 'false', 'yes', ''].includes(letter)) return refuse('isChiefConstableLetter must be true or false');
  const occurredAt = fields.occurredAt;
  if (occurredAt !== undefined && !isISO8601(occurredAt, { strict: true }))
    return refuse('occurredAt must be an ISO-8601 date-time, e.g. 2024-06-25T10:00:00Z');
  return {
    ...(title ? { title } : {}),
    isChiefConstableLetter: letter === 'true' || letter === 'yes',
    ...(occurredAt === undefined ? {} : { occurredAt }),
  };
}
