import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can } from '@hmicfrs/auth';
import { EXPORT_MEDIA_TYPES, ExportQuery, ReadWorkers } from '@hmicfrs/export';
import { CLOCK, todayOf, type Clock } from '@hmicfrs/clock';

@ApiTags('register')
@ApiBearerAuth()
@Controller('recommendations')
export class RegisterExportController {
  constructor(
    private readonly reads: ReadWorkers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The register as a file, filtered as GET /recommendations filters it: CSV (UTF-8, opens in Excel) or XLSX; drawn up off the request thread. */
  @Get('export')
  @Can('recommendation.read')
  @ApiProduces(EXPORT_MEDIA_TYPES.csv, EXPORT_MEDIA_TYPES.xlsx)
  @ApiOkResponse({ description: 'The file, as an attachment named register-<today>.<format>' })
  async export(@Query() { format = 'csv', ...filter }: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const today = todayOf(this.clock);
    const file = await this.reads.registerExport(filter, format, today);
    void reply.header('content-type', EXPORT_MEDIA_TYPES[format]).header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.bytes;
  }
}
