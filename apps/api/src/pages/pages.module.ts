import { join } from 'node:path';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import { AppConfig } from '@hmicfrs/config';
import { CLOCK, type Clock } from '@hmicfrs/clock';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { Sessions, WorkflowModule } from '@hmicfrs/workflow';
import { ImportsModule } from '../imports/imports.module';
import { PeopleImportModule } from '../people/people-import.module';
import { ImportPageController } from './imports/import-page.controller';
import { HeldFiles } from './held-files';
import { InspectionReportList } from './inspections/inspection-report-list';
import { InspectionReportsController } from './inspections/inspection-reports.controller';
import { EvidenceApiModule } from '../evidence/evidence-api.module';
import { EvidencePageController } from './items/evidence-page.controller';
import { ItemCommandsController } from './items/item-commands.controller';
import { ItemPageController } from './items/item-page.controller';
import { ItemPages } from './items/item-pages';
import { ApprovalsController } from './approvals/approvals.controller';
import { CommitteeReportController } from './committee-report/committee-report.controller';
import { HomeController } from './home.controller';
import { PageRenderer } from './page-renderer';
import { RegisterController } from './register/register.controller';
import { ProblemPage } from './problem-page';
import { LOCAL_USERS, localUsers } from './session/local-users';
import { OIDC, oidcFor } from './session/oidc';
import { SECRETS, secretsFor } from './session/secrets';
import { SignInController, SignOutController } from './session/sign-in.controller';
import { PAGES } from './web-pages';
import { PeoplePageController } from './people/people-page.controller';
import { CommitteePapers } from '../papers/committee-papers';

/**
 * The web pages, under /app. They read what the JSON API reads and send the same commands through
 * the same workflow: no rule of their own. `SECRETS`, `OIDC` and `Sessions` are shared with the app's policy guard.
 */
@Module({})
export class PagesModule {
  /** `projections`: the app's one `ProjectionsModule.forRoot(...)`, shared with the JSON queries; `reads`: its one pool of read workers. */
  static forRoot(projections: DynamicModule, reads: DynamicModule): DynamicModule {
    return {
      module: PagesModule,
      imports: [
        WorkflowModule,
        ImportsModule,
        PeopleImportModule,
        EvidenceApiModule,
        projections,
        reads,
        RouterModule.register([{ path: PAGES, module: PagesModule }]),
      ],
      controllers: [
        HomeController,
        SignInController,
        SignOutController,
        RegisterController,
        ApprovalsController,
        CommitteeReportController,
        ItemPageController,
        ItemCommandsController,
        EvidencePageController,
        InspectionReportsController,
        ImportPageController,
        PeoplePageController,
      ],
      providers: [
        PageRenderer,
        // The issued papers, as the JSON API has them (apps/api/src/papers).
        CommitteePapers,
        ItemPages,
        InspectionReportList,
        ProblemPage,
        {
          // The register's and the people file's alike: one place, one expiry.
          provide: HeldFiles,
          inject: [AppConfig, CLOCK],
          useFactory: (config: AppConfig, clock: Clock) => new HeldFiles(join(config.DATA_DIR, 'held-imports'), clock),
        },
        { provide: SECRETS, inject: [AppConfig], useFactory: secretsFor },
        {
          provide: Sessions,
          inject: [EVENT_STORE, CLOCK, AppConfig],
          useFactory: (store: EventStore, clock: Clock, config: AppConfig) =>
            new Sessions(store, clock, { idleMs: config.SESSION_IDLE_MINUTES * 60_000, maxMs: config.SESSION_MAX_HOURS * 3_600_000 }),
        },
        { provide: OIDC, inject: [AppConfig], useFactory: oidcFor },
        {
          provide: LOCAL_USERS,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => localUsers(config, (m) => new Logger('SignIn').warn(m)),
        },
      ],
      exports: [SECRETS, OIDC, Sessions, ProblemPage],
    };
  }
}
