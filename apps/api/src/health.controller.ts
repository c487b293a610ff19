import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@hmicfrs/auth';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';
import { HistoryWatch, SealSchedule, type IntegrityStatus, type SealStatus } from '@hmicfrs/seal';

interface Health {
  status: 'ok';
  store: { kind: string; position: string | null };
  /** The in-process sealer (SEALER=true): its key, the last checkpoint, and whether sealing is failing; null when off. */
  seal: SealStatus | null;
  /** The history verified against the signed checkpoints: how far, when, and everything found altered. */
  integrity: IntegrityStatus | null;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() private readonly sealer?: SealSchedule,
    @Optional() private readonly watch?: HistoryWatch,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({
    description:
      "The store is reachable; its kind and last global position; the sealer's last checkpoint; whether the history still verifies.",
  })
  async health(): Promise<Health> {
    const { kind, position } = await this.store.health();
    return {
      status: 'ok',
      store: { kind, position: position === null ? null : position.toString() },
      seal: this.sealer?.status() ?? null,
      integrity: this.watch?.status() ?? null,
    };
  }
}
