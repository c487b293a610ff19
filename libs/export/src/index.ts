export { exportRegister, EXPORT_MEDIA_TYPES, type ExportFormat } from './register-export';
export { registerFilterFrom, InvalidRegisterFilter, REGISTER_FILTER_PARAMS } from './register-filter-params';
export { EXPORT_COLUMNS } from './export-columns';
