import { BadRequestException, Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Can, WebPage } from '@hmicfrs/auth';
import { CLOCK, todayOf, type Clock } from '@hmicfrs/clock';
import { EXPORT_MEDIA_TYPES, exportRegister, type ExportFormat } from '@hmicfrs/export';
import { RegisterQueries } from '@hmicfrs/projections';
import type { FormBody } from '../forms/form';
import { PageRenderer, type PageRequest } from '../page-renderer';
import { LOCAL_USERS, type LocalUser } from '../session/local-users';
import { KIND, RAG, STATUS } from '../words';
import { PAGE_SIZE, readRegisterQuery, registerUrl, type RegisterQuery } from './register-query';

const COLUMNS: { sort: string; text: string }[] = [
  { sort: 'reference', text: 'Reference' },
  { sort: 'level', text: 'Level' },
  { sort: 'status', text: 'Status' },
  { sort: 'dueDate', text: 'Due' },
  { sort: 'lastEventAt', text: 'Last change' },
];

/** The register: every item, filtered, sorted and paged, from the register read model. */
@ApiExcludeController()
@WebPage()
@Controller('register')
export class RegisterController {
  constructor(
    private readonly register: RegisterQueries,
    private readonly pages: PageRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOCAL_USERS) private readonly users: LocalUser[] | null,
  ) {}

  @Get()
  @Can('recommendation.read')
  async list(@Query() raw: FormBody, @Req() request: PageRequest, @Res() reply: FastifyReply): Promise<void> {
    const read = readRegisterQuery(raw);
    if (!read.ok) throw new BadRequestException(read.problem);
    const today = todayOf(this.clock);
    const result = this.register.list(
      read.filter,
      { limit: PAGE_SIZE, offset: (read.page - 1) * PAGE_SIZE, sort: read.sort, descending: read.descending },
      today,
    );
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    await this.pages.render(request, reply, 'register.njk', {
      title: 'Register',
      query: read.query,
      result,
      from: result.total === 0 ? 0 : result.offset + 1,
      to: result.offset + result.items.length,
      columns: COLUMNS.map((column) => sortLink(read.query, column, read.sort, read.descending)),
      pagination: pagination(read.query, read.page, pages),
      downloads: {
        csv: downloadUrl(read.query, 'csv'),
        xlsx: downloadUrl(read.query, 'xlsx'),
      },
      options: {
        status: options(STATUS, read.query.status, 'Any status'),
        kind: options(KIND, read.query.kind, 'Any type'),
        level: options({ 1: 'Level 1', 2: 'Level 2', 3: 'Level 3', 4: 'Level 4' }, read.query.level, 'Any level'),
        rag: options({ ...RAG, unrated: 'Not yet rated' }, read.query.rag, 'Any rating'),
        addressee: options(
          Object.fromEntries(this.register.addressees().map(({ addressee, items }) => [addressee, `${addressee} (${items})`])),
          read.query.addressee,
          'Anyone',
        ),
        // Owners by name where the users file knows them; otherwise the filter takes a user id.
        owner:
          this.users &&
          options(
            Object.fromEntries(this.users.filter((user) => user.role === 'owner').map((user) => [user.userId, user.name])),
            read.query.owner,
            'Any owner',
          ),
      },
    });
  }

  /** The view on the page (its search and filters) as a file: the API's export, in reference order, every page of it. */
  @Get('export.csv')
  @Can('recommendation.read')
  csv(@Query() raw: FormBody, @Res() reply: FastifyReply): Promise<void> {
    return this.download(raw, 'csv', reply);
  }

  @Get('export.xlsx')
  @Can('recommendation.read')
  xlsx(@Query() raw: FormBody, @Res() reply: FastifyReply): Promise<void> {
    return this.download(raw, 'xlsx', reply);
  }

  private async download(raw: FormBody, format: ExportFormat, reply: FastifyReply): Promise<void> {
    const read = readRegisterQuery(raw);
    if (!read.ok) throw new BadRequestException(read.problem);
    const file = await exportRegister(this.register, read.filter, format, todayOf(this.clock));
    await reply
      .header('content-type', EXPORT_MEDIA_TYPES[format])
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.bytes);
  }
}

/** The download of the view: its search and filters, not its sort or page (the file lists every item, by reference). */
function downloadUrl(query: RegisterQuery, format: ExportFormat): string {
  return registerUrl(query, { sort: '', order: '', page: '' }).replace('/app/register', `/app/register/export.${format}`);
}

function options(labels: Record<string, string>, selected: string, any: string) {
  return [{ value: '', text: any }, ...Object.entries(labels).map(([value, text]) => ({ value, text, selected: value === selected }))];
}

/** A column heading that sorts by it; again reverses the order. `aria-sort` tells screen readers which. */
function sortLink(query: RegisterQuery, column: { sort: string; text: string }, sort: string, descending: boolean) {
  const current = column.sort === sort;
  return {
    text: column.text,
    href: registerUrl(query, { sort: column.sort, order: current && !descending ? 'desc' : 'asc', page: '' }),
    ariaSort: current ? (descending ? 'descending' : 'ascending') : 'none',
  };
}

function pagination(query: RegisterQuery, page: number, pages: number) {
  if (pages <= 1) return undefined;
  const near = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  near.forEach((n, i) => {
    if (i > 0 && n - near[i - 1] > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: registerUrl(query, { page: String(n) }), current: n === page });
  });
  return {
    items,
    previous: page > 1 ? { href: registerUrl(query, { page: String(page - 1) }) } : undefined,
    next: page < pages ? { href: registerUrl(query, { page: String(page + 1) }) } : undefined,
  };
}
