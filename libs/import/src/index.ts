export { RegisterImporter, MAX_IMPORT_BYTES, type RegisterFile, type ImportOptions } from './register-importer';
export type { ImportReport } from './import-report';
export type { RowProblem } from './register-row';
export { COLUMNS } from './columns';
export { registerTemplateCsv, registerTemplateXlsx } from './register-template';
export { FileTooLarge, NotARegisterFile, ImportRejected, ImportTooLarge, type ImportLimit } from './errors';
export { DEFAULT_IMPORT_LIMITS, MAX_PROBLEMS_LISTED, importLimitsOf, type ImportLimits } from './import-limits';
