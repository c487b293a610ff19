import { Module, type DynamicModule } from '@nestjs/common';
import { RegisterExportController } from './register-export.controller';

/** GET /recommendations/export, drawn up by the app's one pool of read workers (`reads`). */
@Module({})
export class ExportsModule {
  static forRoot(reads: DynamicModule): DynamicModule {
    return { module: ExportsModule, imports: [reads], controllers: [RegisterExportController] };
  }
}
