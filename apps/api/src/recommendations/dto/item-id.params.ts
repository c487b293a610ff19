import { IsIdentifier } from './fields';

export class ItemIdParams {
  @IsIdentifier()
  id!: string;
}
