import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@hmicfrs/auth';
import { EVENT_STORE, type EventStore } from '@hmicfrs/event-store';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'The store is reachable; its kind and last global position.' })
  async health(): Promise<{ status: 'ok'; store: { kind: string; position: string | null } }> {
    const { kind, position } = await this.store.health();
    return { status: 'ok', store: { kind, position: position === null ? null : position.toString() } };
  }
}
