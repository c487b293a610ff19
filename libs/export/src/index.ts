export { exportRegister, EXPORT_MEDIA_TYPES, type ExportFormat } from './register-export';
export { EXPORT_COLUMNS } from './export-columns';
