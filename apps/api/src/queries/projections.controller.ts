import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Can } from '@hmicfrs/auth';
import { ProjectionStatusReader, type ProjectionsState } from '@hmicfrs/projections';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly status: ProjectionStatusReader) {}

  /** Where each read model stands against the event store: its position, whether it has caught up, whether it is being rebuilt. */
  @Get()
  @Can('reports.read')
  @ApiOkResponse({
    description: '{ store: { position }, projections: [{ name, version, storedVersion, position, caughtUp, rebuilding }] }',
  })
  projections(): Promise<ProjectionsState> {
    return this.status.status();
  }
}
