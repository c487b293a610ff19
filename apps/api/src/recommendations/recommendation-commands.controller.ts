import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { Can } from '@hmicfrs/auth';
import { COMMAND_ACTIONS, RecommendationWorkflow, type CommandRequest } from '@hmicfrs/workflow';
import { defineRoute } from '../commands/generated-route';
import { COMMAND_ENTRIES } from '../commands/lifecycle-commands';
import { FromRequest } from './command-request.decorator';
import type { CommandBody } from './dto/command-body';
import { ItemIdParams } from './dto/item-id.params';

/**
 * One route per lifecycle command, made from its entry in `LIFECYCLE_COMMANDS`. Each only translates HTTP
 * into a command: the policy table says who may send it, the machine says whether the item takes it now.
 */
@ApiTags('lifecycle commands')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key returns the first answer and writes nothing',
})
@ApiHeader({ name: 'If-Match', required: false, description: 'The revision you last saw; refused with 409 if the item has moved on' })
@Controller('recommendations/:id')
export class RecommendationCommandsController {
  constructor(private readonly workflow: RecommendationWorkflow) {}

  static {
    for (const entry of COMMAND_ENTRIES) {
      if (entry.writtenRoute) continue;
      const policy = [HttpCode(200), Can(COMMAND_ACTIONS[entry.type])];
      if (entry.deleteAt) {
        const { path, params } = entry.deleteAt;
        const handler = function (this: RecommendationCommandsController, named: ItemIdParams & CommandBody, request: CommandRequest) {
          return this.workflow.execute(named.id, entry.toCommand(named), { ...request, occurredAt: undefined });
        };
        defineRoute(
          this,
          entry.verb,
          handler,
          [
            [Param(), params],
            [FromRequest(), Object],
          ],
          [Delete(path), ...policy],
        );
      } else {
        const handler = function (
          this: RecommendationCommandsController,
          { id }: ItemIdParams,
          body: CommandBody,
          request: CommandRequest,
        ) {
          return this.workflow.execute(id, entry.toCommand(body), { ...request, occurredAt: body.occurredAt });
        };
        defineRoute(
          this,
          entry.verb,
          handler,
          [
            [Param(), ItemIdParams],
            [Body(), entry.body],
            [FromRequest(), Object],
          ],
          [Post(entry.verb), ...policy],
        );
      }
    }
  }
}
