/** The request bodies POST /imports takes as they are, bytes and all; what they hold is decided by content, not by this. */
export const IMPORT_MEDIA_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];
