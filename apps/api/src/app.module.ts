import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, Reflector } from '@nestjs/core';
import { PolicyGuard, hs256Bearer, type OidcProvider } from '@hmicfrs/auth';
import { Sessions } from '@hmicfrs/workflow';
import { ClockModule, systemClock, type Clock } from '@hmicfrs/clock';
import { AppConfig, AppConfigModule } from '@hmicfrs/config';
import { EventStoreModule } from '@hmicfrs/event-store';
import { EvidenceModule, evidenceLimits } from '@hmicfrs/evidence';
import { RemindersModule } from '@hmicfrs/reminders';
import { WorkflowModule } from '@hmicfrs/workflow';
import { ProjectionsModule } from '@hmicfrs/projections';
import { ReadWorkersModule } from '@hmicfrs/export';
import { EvidenceApiModule } from './evidence/evidence-api.module';
import { ReportSealModule, SealModule } from '@hmicfrs/seal';
import { ExportsModule } from './exports/exports.module';
import { HealthController } from './health.controller';
import { ImportsModule } from './imports/imports.module';
import { PagesModule } from './pages/pages.module';
import { PapersModule } from './papers/papers.module';
import { PeopleModule } from './people/people.module';
import { OIDC } from './pages/session/oidc';
import { SECRETS, type Secrets } from './pages/session/secrets';
import { ProblemDetailsFilter } from './problem-details.filter';
import { QueriesModule } from './queries/queries.module';
import { MinPositionGuard } from './read-your-writes';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { CommandValidationPipe } from './validation.pipe';

/** The HTTP API and its web pages: one validated configuration, one store, one policy guard, one error mapping. */
@Module({})
export class AppModule {
  /** `clock`: the one clock (docs/architecture.md, "One clock"); a test may hold it still or move it on. */
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    // One read side per process: every module that reads it imports this same object (Nest 11 tells
    // dynamic modules apart by reference, so a second forRoot() would start a second projector).
    const store = { dataDir: config.DATA_DIR, connectionString: config.EVENTSTORE_CONNECTION_STRING };
    // The rebuilds the projector starts itself (a new version, a store switch) in a worker thread of their own, as the reads.
    const projections = ProjectionsModule.forRoot({
      dataDir: config.DATA_DIR,
      runProjector: config.PROJECTOR,
      ...(config.READ_WORKERS > 0 ? { rebuildThread: store } : {}),
    });
    // Exports and JAC reports in worker threads, on their own read-only connections: one pool for the app.
    const reads = ReadWorkersModule.forRoot(projections, config.READ_WORKERS);
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        ClockModule.forRoot(clock),
        EventStoreModule.forRoot(store),
        EvidenceModule.forRoot({ dataDir: config.DATA_DIR, ...evidenceLimits(config) }),
        // Checkpoints every SEAL_EVERY_EVENTS events or SEAL_EVERY_MINUTES, straight to the store's seal stream;
        // the history verified at start and after each checkpoint, and commands on an altered one refused.
        SealModule.forRoot({ schedule: config.SEALER, watch: true }),
        // The committee's papers end with the latest checkpoint.
        ReportSealModule,
        RecommendationsModule,
        EvidenceApiModule,
        PagesModule.forRoot(projections, reads),
        ImportsModule,
        RemindersModule,
        ExportsModule.forRoot(reads),
        QueriesModule.forRoot(projections, reads),
        PeopleModule.forRoot(projections),
        // For the Min-Position guard below and the hooks that track what each request wrote: the same projector and record.
        projections,
        WorkflowModule,
        PapersModule.forRoot(projections, reads),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        // class-validator's rules for every body and parameter, the commonest checked in one pass (validation.pipe.ts).
        { provide: APP_PIPE, useValue: new CommandValidationPipe() },
        {
          provide: APP_GUARD,
          inject: [Reflector, SECRETS, OIDC, Sessions],
          // With a provider, API clients send its access tokens (JWKS); HS256 tokens are for local runs only.
          // The pages' sessions must be live in the store, not only signed (docs/architecture.md, "Sessions").
          useFactory: (reflector: Reflector, secrets: Secrets, oidc: OidcProvider | null, sessions: Sessions) =>
            new PolicyGuard(
              reflector,
              oidc
                ? { read: (token) => oidc.readAccessToken(token), hint: "an access token from the force's identity provider" }
                : hs256Bearer(secrets.token),
              { secret: secrets.session, live: sessions },
            ),
        },
        // Read your own writes: Min-Position honoured on a read, once the policy guard has let it through
        // (Store-Position on a write's answer: `trackWrittenPositions`, http-app.ts).
        { provide: APP_GUARD, useClass: MinPositionGuard },
      ],
    };
  }
}
