export { exportRegister, EXPORT_MEDIA_TYPES, type ExportFormat } from './register-export';
export { EXPORT_COLUMNS } from './export-columns';
export { RegisterFilterQuery } from './register-filter-query';
export { ExportQuery } from './export-query';
export { IsDaysAhead, ToBoolean, ToInteger, ToList } from './query-values';
export { ReadWorkers } from './workers/read-workers';
export { ReadWorkersModule } from './workers/read-workers.module';
export { runReadTask, type JacFileFormat, type ReadTask } from './workers/read-task';
