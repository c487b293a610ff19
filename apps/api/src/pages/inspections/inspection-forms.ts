import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { personId, type OpenRecommendation, type RecordInspectionReport } from '@hmicfrs/lifecycle';
import { OpenRecommendationDto } from '../../recommendations/dto/open-recommendation.dto';
import { RecordInspectionDto } from '../../recommendations/dto/record-inspection.dto';
import { dateInput, text, type FieldError, type FormBody } from '../forms/form';

/** What to say for each field the API's DTO refuses, in the words of the page. */
const REPORT_ERRORS: Record<string, FieldError> = {
  id: { field: 'id', text: 'Enter a short reference: letters, digits or _ . : - (up to 100), starting with a letter or digit' },
  reportType: { field: 'reportType', text: 'Select the type of inspection' },
  title: { field: 'title', text: "Enter the report's title (up to 500 characters)" },
  publishedOn: { field: 'publishedOn-day', text: 'Enter the date it was published as a real date' },
  fieldworkFrom: { field: 'fieldworkFrom-day', text: 'Enter the date fieldwork started as a real date, or leave it empty' },
  fieldworkTo: { field: 'fieldworkTo-day', text: 'Enter the date fieldwork ended as a real date, or leave it empty' },
};

const ITEM_ERRORS: Record<string, FieldError> = {
  reference: { field: 'reference', text: 'Enter the HMICFRS reference: letters, digits or _ . : -, starting with a letter or digit' },
  kind: { field: 'kind', text: 'Select whether it is a recommendation, a cause of concern or an area for improvement' },
  text: { field: 'text', text: 'Enter the text as HMICFRS wrote it' },
  level: { field: 'level', text: 'Select the level HMICFRS gave it' },
  addressee: { field: 'addressee', text: 'Enter whom HMICFRS addressed it to (up to 200 characters)' },
  portfolio: { field: 'portfolio', text: 'Enter the portfolio (up to 200 characters)' },
  owner: { field: 'owner', text: 'Select the owner from the directory of people, or leave it empty' },
  dueDate: { field: 'dueDate-day', text: 'Enter the due date as a real date, or leave it empty' },
  dueWithinMonths: {
    field: 'dueWithinMonths',
    text: 'Enter the months from publication as a whole number from 1 to 120, or leave it empty',
  },
};

const BOTH_DUE = { field: 'dueWithinMonths', text: 'Give a due date or a number of months from publication, not both' };
const RECEIVED_ON = { field: 'receivedOn-day', text: 'Enter the day it was received as a real date not after today, or leave it empty' };

function refused(dto: new () => object, values: object, errors: Record<string, FieldError>): FieldError[] {
  const failed = new Set(
    validateSync(plainToInstance(dto, values), { whitelist: true, forbidNonWhitelisted: true }).map((f) => f.property),
  );
  return Object.keys(errors)
    .filter((name) => failed.has(name))
    .map((name) => errors[name]);
}

/** An optional date: empty is fine; typed but not a date is refused (as an impossible value for the DTO). */
const optionalDate = (body: FormBody, name: string) => {
  const value = dateInput(body, name);
  return value === null ? 'not-a-date' : value;
};

export function readInspectionReport(body: FormBody): { command: RecordInspectionReport } | { errors: FieldError[] } {
  const values = {
    id: text(body, 'id'),
    reportType: text(body, 'reportType'),
    title: text(body, 'title'),
    publishedOn: dateInput(body, 'publishedOn') ?? '',
    fieldworkFrom: optionalDate(body, 'fieldworkFrom'),
    fieldworkTo: optionalDate(body, 'fieldworkTo'),
  };
  const errors = refused(RecordInspectionDto, values, REPORT_ERRORS);
  if (errors.length) return { errors };
  const { fieldworkFrom, fieldworkTo, ...report } = values;
  return {
    command: {
      type: 'RECORD_INSPECTION_REPORT',
      ...(report as Omit<RecordInspectionReport, 'type' | 'fieldworkFrom' | 'fieldworkTo'>),
      ...(fieldworkFrom === undefined ? {} : { fieldworkFrom }),
      ...(fieldworkTo === undefined ? {} : { fieldworkTo }),
    },
  };
}

/** A new item from the form, with the day it was received when one is given (the workflow opens it then, else at publication). */
export function readNewItem(
  inspectionId: string,
  body: FormBody,
  today: string,
): { command: OpenRecommendation } | { errors: FieldError[] } {
  const owner = text(body, 'owner');
  const dueDate = optionalDate(body, 'dueDate');
  const months = text(body, 'dueWithinMonths');
  const receivedOn = dateInput(body, 'receivedOn');
  const values = {
    reference: text(body, 'reference'),
    kind: text(body, 'kind'),
    text: text(body, 'text'),
    level: text(body, 'level') === '' ? undefined : Number(text(body, 'level')),
    addressee: text(body, 'addressee'),
    portfolio: text(body, 'portfolio'),
    inspectionId,
    // Normalised where it enters, as every person's id is (the select offers the directory's ids; a crafted post may not).
    ...(owner ? { owner: personId(owner) } : {}),
    ...(dueDate === undefined ? {} : { dueDate }),
    ...(months === '' ? {} : { dueWithinMonths: /^\d{1,3}$/.test(months) ? Number(months) : months }),
  };
  const errors = refused(OpenRecommendationDto, values, ITEM_ERRORS);
  if (dueDate !== undefined && months !== '') errors.push(BOTH_DUE);
  if (receivedOn === null || (receivedOn !== undefined && receivedOn > today)) errors.push(RECEIVED_ON);
  if (errors.length) return { errors };
  const { dueWithinMonths, ...item } = values as Omit<OpenRecommendation, 'type' | 'id'> & { dueWithinMonths?: number };
  return {
    command: {
      type: 'OPEN_RECOMMENDATION',
      id: values.reference,
      ...item,
      ...(dueWithinMonths === undefined ? {} : { dueWithin: { months: dueWithinMonths, of: 'publication' } }),
      ...(receivedOn ? { receivedOn } : {}),
    },
  };
}
