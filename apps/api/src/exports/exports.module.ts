import { Module, type DynamicModule } from '@nestjs/common';
import { RegisterExportController } from './register-export.controller';

/** GET /recommendations/export, reading the one read side the app made (`projections`). */
@Module({})
export class ExportsModule {
  static forRoot(projections: DynamicModule): DynamicModule {
    return { module: ExportsModule, imports: [projections], controllers: [RegisterExportController] };
  }
}
